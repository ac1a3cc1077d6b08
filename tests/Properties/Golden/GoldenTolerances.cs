using Verification.Core;
using Verification.Properties.Support;
using Xunit.Abstractions;

namespace Verification.Properties.Golden;

/// <summary>
/// How closely the Reference stack must reproduce PyTorch's golden vectors, in one place. Bit-exact where libtorch
/// computes each element exactly and in the same order as the readable loop (its compiled kernels fuse
/// <c>a + α·b</c> into one FMA; the Reference does the same where that matters, see Linear's init and the optimizers);
/// a few float32 ulp where libtorch uses vectorised math (Sleef exp/tanh) or another summation order (BLAS matrix
/// products, vectorised or double reductions). Each tolerance is several times the largest error seen over all
/// golden cases (noted beside it, from the test output) and far below what a wrong formula produces
/// (a missing factor or term is off by ≥ 1e-2 relative).
/// </summary>
public static class GoldenTolerances
{
    /// <summary>nn.Linear init: the same generator draws, the same double bound, the same fused u·(to − from) + from. Seen: 0 ulp.</summary>
    public static readonly GoldenTolerance LinearInit = GoldenTolerance.Exact;

    /// <summary>
    /// Linear forward/backward: libtorch calls a BLAS sgemm (blocked, FMA, another summation order) where the Reference
    /// sums k = 0, 1, … in float. Over 5–13 terms of size ~1 the difference is a few ulp of the largest term, hence the
    /// absolute floor for outputs that cancel to near zero. Seen: 4.8e-7 absolute (∂W, values ~3), 512 ulp on a y near 0.
    /// </summary>
    public static readonly GoldenTolerance MatrixProduct = new(1e-5, 1e-6);

    /// <summary>ReLU: a comparison and a copy, exact in any order. Seen: 0 ulp.</summary>
    public static readonly GoldenTolerance ReLU = GoldenTolerance.Exact;

    /// <summary>
    /// Sigmoid and Tanh: libtorch evaluates exp/tanh with vectorised (Sleef) approximations, .NET with its own; each
    /// within ~1 ulp of the truth (seen: 2 ulp on y). Tanh's gradient g·(1 − y²) turns one ulp of y ≈ ±1 (6e-8) into
    /// an absolute error of about 2·6e-8·|g|, hence the floor. Seen: 1.5e-7 absolute on Tanh's gradient, 3e-8 on Sigmoid's.
    /// </summary>
    public static readonly GoldenTolerance Transcendental = new(1e-6, 5e-7);

    /// <summary>
    /// BatchNorm1d: libtorch folds the normalisation into y = x·α + β' (α = γ/s, β' = β − μ·α) and accumulates the
    /// statistics in double; the Reference computes (x − μ)·(1/s)·γ + β. Both round differently by a few ulp; the
    /// absolute floor covers outputs near zero (cancellation in x − μ). Seen: 9.5e-7 absolute on ∂γ (values ~4),
    /// 3.6e-7 on running_var (3 ulp), 288 ulp on a y near 0.
    /// </summary>
    public static readonly GoldenTolerance BatchNorm = new(1e-5, 1e-6);

    /// <summary>
    /// Losses: libtorch sums the n element losses with a vectorised reduction (another order) and evaluates exp/log
    /// with Sleef; the Reference sums left to right in float. Seen: 2 ulp on the mean (4.8e-7 on an MSE of 2.3),
    /// 7 ulp (1.5e-8) on a cross-entropy gradient; the ±100 logits case is exact.
    /// </summary>
    public static readonly GoldenTolerance Loss = new(1e-5, 1e-7);

    /// <summary>
    /// SGD/Adam/AdamW: the Reference repeats TorchSharp 0.107's operations in the same order, with the same float
    /// rounding of every scalar and the same fused multiply-adds, so all six steps agree bit for bit. Seen: 0 ulp.
    /// </summary>
    public static readonly GoldenTolerance Optimizer = GoldenTolerance.Exact;
}

/// <summary>A relative tolerance with an absolute floor; (0, 0) means bit-for-bit.</summary>
public sealed record GoldenTolerance(double Rtol, double Atol)
{
    /// <summary>Bit-for-bit equality.</summary>
    public static readonly GoldenTolerance Exact = new(0, 0);

    /// <summary>True when this tolerance asks for identical bits.</summary>
    public bool IsExact => Rtol == 0 && Atol == 0;
}

/// <summary>Compares a golden vector with the tolerance of its kind and logs the largest error seen.</summary>
public static class GoldenCheck
{
    /// <summary>Asserts <paramref name="actual"/> matches <paramref name="expected"/>; writes the largest error (absolute, and in ulp) to <paramref name="output"/>.</summary>
    public static void Match(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, GoldenTolerance tolerance, string what,
        ITestOutputHelper? output = null)
    {
        if (output is not null && expected.Length == actual.Length)
        {
            double worstAbsolute = 0;
            long worstUlp = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                worstAbsolute = Math.Max(worstAbsolute, Math.Abs((double)expected[i] - actual[i]));
                worstUlp = Math.Max(worstUlp, UlpDistance(expected[i], actual[i]));
            }
            output.WriteLine($"{what}: largest error {worstAbsolute:G3} ({worstUlp} ulp) over {expected.Length} values");
        }
        if (tolerance.IsExact)
        {
            Compare.Exact(expected, actual, what);
        }
        else
        {
            Compare.Close(expected, actual, tolerance.Rtol, tolerance.Atol, what);
        }
    }

    /// <summary>Scalar overload.</summary>
    public static void Match(float expected, float actual, GoldenTolerance tolerance, string what, ITestOutputHelper? output = null) =>
        Match([expected], [actual], tolerance, what, output);

    /// <summary>Tensor overload.</summary>
    public static void Match(float[] expected, Tensor actual, GoldenTolerance tolerance, string what, ITestOutputHelper? output = null) =>
        Match(expected, actual.Data, tolerance, what, output);

    /// <summary>Distance in representable floats between two finite values (0 for equal bits).</summary>
    public static long UlpDistance(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        static long Ordered(float f)
        {
            int bits = BitConverter.SingleToInt32Bits(f);
            return bits < 0 ? int.MinValue - (long)bits : bits;
        }
        return Math.Abs(Ordered(a) - Ordered(b));
    }
}
