namespace Verification.Core.Random;

/// <summary>
/// PyTorch's CPU generator, reproduced: the same seed gives the same stream of 32-bit words, and each
/// distribution turns words into numbers exactly as ATen's CPU kernels do (see tests/Golden/README.md).
/// Pass one where PyTorch accepts <c>generator=</c>; <c>new TorchGenerator(42)</c> is <c>torch.manual_seed(42)</c>.
/// </summary>
public sealed class TorchGenerator
{
    /// <summary>The seed of PyTorch's default CPU generator before any <c>manual_seed</c>.</summary>
    public const ulong DefaultSeed = 67280421310721UL;

    /// <summary>Below this many elements <c>normal_</c> runs the scalar Box–Muller path; from it on, the 16-block path.</summary>
    public const int VectorNormalThreshold = 16;

    private readonly MersenneTwister _engine;
    private double? _nextDoubleNormal;

    /// <summary>A generator seeded as <c>torch.manual_seed(seed)</c> seeds the default one.</summary>
    public TorchGenerator(ulong seed = DefaultSeed)
    {
        _engine = new MersenneTwister(seed);
        InitialSeed = seed;
    }

    /// <summary>The seed last given (PyTorch's <c>initial_seed()</c>).</summary>
    public ulong InitialSeed { get; private set; }

    /// <summary><c>manual_seed(seed)</c>: re-seeds and forgets the cached Box–Muller value.</summary>
    public void ManualSeed(ulong seed)
    {
        _engine.Seed(seed);
        _nextDoubleNormal = null;
        InitialSeed = seed;
    }

    /// <summary>One 32-bit output (<c>random()</c>).</summary>
    public uint Random() => _engine.Next();

    /// <summary>Two outputs, the first as the high 32 bits (<c>random64()</c>).</summary>
    public ulong Random64()
    {
        ulong high = _engine.Next();
        ulong low = _engine.Next();
        return (high << 32) | low;
    }

    /// <summary>A float in [0, 1): the low 24 bits of one word times 2⁻²⁴.</summary>
    public float NextFloat() => (Random() & 0xFFFFFF) * (1.0f / (1 << 24));

    /// <summary>A double in [0, 1): the low 53 bits of <see cref="Random64"/> times 2⁻⁵³.</summary>
    public double NextDouble() => (Random64() & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));

    /// <summary><c>torch.empty((), dtype=torch.int64).random_()</c>: <c>random64() mod 2⁶³</c>.</summary>
    public long NextInt64() => (long)(Random64() & long.MaxValue);

    /// <summary>
    /// <c>uniform_(from, to)</c> on float32: bounds rounded to float, then <c>fma(u, to − from, from)</c> — one rounding,
    /// as libtorch's compiled kernel contracts the multiply-add (init.json needs it: rounding the product first is off
    /// by up to half an ulp of |from| for bounds such as 1/√2).
    /// </summary>
    public void Uniform(Span<float> destination, double from, double to)
    {
        // ATen's check_uniform_bounds, in its order: each bound within float's range, then from ≤ to, then a width float holds.
        if (!(from >= float.MinValue && from <= float.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"from is out of bounds for float, got {from}.");
        }
        if (!(to >= float.MinValue && to <= float.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"to is out of bounds for float, got {to}.");
        }
        if (from > to)
        {
            throw new ArgumentException($"uniform_ expects to return a [from, to) range, but found from={from} > to={to}.", nameof(from));
        }
        if (to - from > float.MaxValue)
        {
            throw new ArgumentException(
                $"uniform_ expects to-from <= std::numeric_limits<float>::max(), but found to={to} and from={from} " +
                "which result in to-from to exceed the limit.",
                nameof(to));
        }
        float lo = (float)from;
        float width = (float)to - lo;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = MathF.FusedMultiplyAdd(NextFloat(), width, lo);
        }
    }

    /// <summary><c>torch.rand(shape)</c>: uniforms in [0, 1).</summary>
    public Tensor Rand(params int[] shape)
    {
        var t = new Tensor(shape);
        Uniform(t.Data, 0, 1);
        return t;
    }

    /// <summary><c>torch.randn(shape)</c>: standard normals.</summary>
    public Tensor Randn(params int[] shape)
    {
        var t = new Tensor(shape);
        Normal(t.Data, 0, 1);
        return t;
    }

    /// <summary>
    /// <c>normal_(mean, std)</c> on a contiguous float32 tensor, as ATen's <c>normal_kernel</c>
    /// (aten/src/ATen/native/cpu/DistributionTemplates.h). Fewer than 16 elements: one scalar draw each
    /// (<see cref="NextNormal"/>, which uses and leaves the cached second value). Otherwise every element first gets a
    /// float uniform, then each whole block of 16 is transformed in place (<see cref="BoxMullerBlock"/>); if the length
    /// is not a multiple of 16, the last 16 positions are drawn again and transformed again. The block path neither
    /// reads nor changes the cached scalar normal. Mean and std are rounded to float first, as ATen does.
    /// </summary>
    public void Normal(Span<float> destination, double mean, double std)
    {
        CheckNormal(mean, std);
        int n = destination.Length;
        if (n < VectorNormalThreshold)
        {
            for (int i = 0; i < n; i++)
            {
                destination[i] = (float)NextNormal(mean, std);
            }
            return;
        }
        float meanF = (float)mean, stdF = (float)std;
        for (int i = 0; i < n; i++)
        {
            destination[i] = NextFloat();
        }
        for (int i = 0; i + BoxMullerBlock.Size <= n; i += BoxMullerBlock.Size)
        {
            BoxMullerBlock.Transform(destination.Slice(i, BoxMullerBlock.Size), meanF, stdF);
        }
        if (n % BoxMullerBlock.Size != 0)
        {
            Span<float> tail = destination.Slice(n - BoxMullerBlock.Size);
            for (int i = 0; i < BoxMullerBlock.Size; i++)
            {
                tail[i] = NextFloat();
            }
            BoxMullerBlock.Transform(tail, meanF, stdF);
        }
    }

    /// <summary>
    /// One scalar normal in double, as <c>at::normal_distribution&lt;double&gt;</c>: Box–Muller from two double
    /// uniforms, <c>r = √(−2·log1p(−u2))</c>, <c>θ = 2π·u1</c>; returns <c>r·cos θ·std + mean</c> and caches
    /// <c>r·sin θ</c> for the next scalar draw.
    /// </summary>
    public double NextNormal(double mean, double std)
    {
        CheckNormal(mean, std);
        if (_nextDoubleNormal is double cached)
        {
            _nextDoubleNormal = null;
            return cached * std + mean;
        }
        double u1 = NextDouble();
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Log1P(-u2));
        double theta = 2.0 * Math.PI * u1;
        _nextDoubleNormal = radius * Math.Sin(theta);
        return radius * Math.Cos(theta) * std + mean;
    }

    /// <summary>PyTorch's check of <c>normal_</c> (std ≥ 0); a NaN mean is rejected too, as it would make every draw NaN.</summary>
    private static void CheckNormal(double mean, double std)
    {
        if (double.IsNaN(mean))
        {
            throw new ArgumentException("normal expects a mean that is a number, but found NaN.", nameof(mean));
        }
        if (!(std >= 0))
        {
            throw new ArgumentException($"normal expects std >= 0.0, but found std {std}.", nameof(std));
        }
    }

    /// <summary>
    /// <c>bernoulli_(p)</c>: one double uniform per element, in order; 1 where it is below <paramref name="p"/>.
    /// </summary>
    public void Bernoulli(Span<float> destination, double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"bernoulli_ expects p to be in [0, 1], but got p={p}.");
        }
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextDouble() < p ? 1f : 0f;
        }
    }

    /// <summary>
    /// <c>torch.randperm(n)</c>: start from 0…n−1, then for i = 0…n−2 swap position i with
    /// i + <c>random() mod (n − i)</c>.
    /// </summary>
    public int[] Randperm(int n)
    {
        if (n < 0 || n > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be non-negative and fit one array, got {n}.");
        }
        var permutation = new int[n];
        for (int i = 0; i < n; i++)
        {
            permutation[i] = i;
        }
        for (int i = 0; i < n - 1; i++)
        {
            int j = i + (int)(Random() % (uint)(n - i));
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
        return permutation;
    }

    /// <summary>Copies the generator's state (engine words, position and the cached normal) for a checkpoint.</summary>
    public TorchGeneratorState SaveState() => new(_engine.SaveState(), _nextDoubleNormal, InitialSeed);

    /// <summary>Restores a state saved by <see cref="SaveState"/>; the stream continues exactly from there.</summary>
    public void RestoreState(TorchGeneratorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _engine.RestoreState(state.Engine);
        _nextDoubleNormal = state.NextDoubleNormal;
        InitialSeed = state.InitialSeed;
    }

    /// <summary>The engine, for kernels that draw many words at once (same stream, same order).</summary>
    public MersenneTwister Engine => _engine;

    /// <summary>
    /// ln(1 + x) accurate for small x (Goldberg's trick: with w = 1 + x rounded, ln(w)·x/(w − 1) cancels
    /// the rounding of w). .NET has no log1p; this agrees with glibc's to about an ulp, which the cast to float hides.
    /// </summary>
    public static double Log1P(double x)
    {
        double w = 1.0 + x;
        if (w == 1.0)
        {
            return x;
        }
        return Math.Log(w) * x / (w - 1.0);
    }
}

/// <summary>Everything needed to continue a <see cref="TorchGenerator"/> stream exactly.</summary>
public sealed record TorchGeneratorState(MersenneTwisterState Engine, double? NextDoubleNormal, ulong InitialSeed);
