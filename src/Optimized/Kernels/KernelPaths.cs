using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// Which body the fused kernels run: the widest vector the runtime accelerates here (512, 256 or 128 bits, or 0 for
/// the scalar body), the level <c>isa</c> names avx512, avx2, vector128 or scalar. Every body computes each element
/// with the same roundings, so the width changes speed, never results; tests lower it on one thread with
/// <see cref="Limit"/> to run every body this processor has, and read <see cref="LastBodyBits"/> to see which ran.
/// </summary>
public static class KernelPaths
{
    /// <summary>The fused kernels that run through <c>VectorDriver</c>, one name each, as <see cref="Describe"/> lists them.</summary>
    public static IReadOnlyList<string> FusedKernels { get; } =
    [
        "dropout mask (draw bits, scale, multiply)", "alpha dropout mask", "Adam/AdamW update", "SGD update",
        "BatchNorm normalise and backward", "ReLU/Tanh/Sigmoid backward", "Mersenne Twister refill",
        "Mersenne Twister tempering", "Bernoulli bits from word pairs", "uniform floats from words",
    ];

    /// <summary>The widest accelerated vector in bits (512, 256, 128) or 0 when only scalar code is accelerated.</summary>
    public static int HardwareBits { get; } =
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;

    [ThreadStatic] private static int _limitPlusOne;
    [ThreadStatic] private static int _lastBodyBits;

    /// <summary>
    /// Caps the width on the calling thread (512, 256, 128 or 0), or null for no cap. A cap above the hardware's width
    /// changes nothing: a body runs only on vectors the processor accelerates.
    /// </summary>
    public static int? Limit
    {
        get => _limitPlusOne == 0 ? null : _limitPlusOne - 1;
        set
        {
            if (value is { } bits && bits is not (0 or 128 or 256 or 512))
            {
                throw new ArgumentOutOfRangeException(nameof(value), bits, "a vector width in bits must be 0, 128, 256 or 512.");
            }
            _limitPlusOne = value is { } b ? b + 1 : 0;
        }
    }

    /// <summary>The width of the body the fused kernels run on this thread now: <see cref="HardwareBits"/> under <see cref="Limit"/>.</summary>
    public static int Bits => _limitPlusOne == 0 ? HardwareBits : Math.Min(HardwareBits, _limitPlusOne - 1);

    /// <summary>The width of the body the latest fused kernel on this thread ran its vector loop with (0: scalar only).</summary>
    public static int LastBodyBits => _lastBodyBits;

    internal static void Ran(int bits) => _lastBodyBits = bits;

    /// <summary>The level's name as <c>isa</c> prints it, for <paramref name="bits"/>.</summary>
    public static string LevelName(int bits) => bits switch
    {
        512 => "avx512",
        256 => "avx2",
        128 => "vector128",
        _ => "scalar",
    };

    /// <summary>One line per kernel: the body each runs at this thread's width, and the product's tile.</summary>
    public static string Describe()
    {
        int bits = Bits;
        string body = bits == 0 ? "scalar body" : $"{bits}-bit body ({LevelName(bits)})";
        string fma = ExactFma.IsEmulated ? "; no FMA unit: the fused kernels' 128-bit fma emulated exactly (double sum)" : "";
        var lines = new List<string> { $"fused kernels run their {body}; product path {Gemm.Path}{fma}" };
        foreach (string kernel in FusedKernels)
        {
            lines.Add($"  {kernel}: {body}");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
