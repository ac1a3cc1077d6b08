namespace Verification.Properties.Optimized;

/// <summary>
/// Every tolerance the Optimized tests use, with its reason, in one place. Bounds are <c>|a − e| ≤ atol + rtol·|e|</c>
/// (see <see cref="Support.Compare"/>). Where PyTorch and this stack perform the same float operations in the same
/// order, the comparison is bit for bit; where the order or the elementary functions differ, the bound is a few
/// float32 ulps scaled by the length of the sum involved.
/// </summary>
public static class OptimizedTolerances
{
    /// <summary>A tolerance pair.</summary>
    public readonly record struct Tolerance(double Rtol, double Atol);

    /// <summary>Generator draws, Linear initialisation, dropout masks and scaled values, ReLU: same operations as PyTorch, so exact.</summary>
    public static readonly Tolerance Exact = new(0, 0);

    /// <summary>
    /// Linear forward and gradients (K ≤ 13 in layers.json): PyTorch's sgemm sums in another order (blocked, sometimes
    /// not fused), so each sum may differ by about K·2⁻²⁴·Σ|aᵢbᵢ|; with |values| ≲ 3 that stays under 1e-5 absolute.
    /// </summary>
    public static readonly Tolerance LinearProduct = new(1e-5, 1e-5);

    /// <summary>Sigmoid and Tanh: TensorPrimitives and ATen use different vectorised exp/tanh approximations, each within ~2 ulp.</summary>
    public static readonly Tolerance Transcendental = new(2e-6, 1e-7);

    /// <summary>
    /// Tanh's gradient <c>g·(1 − y²)</c>: a one-ulp difference in y near ±1 becomes an absolute difference of about
    /// <c>2·ulp(y)·|g| ≈ 1.2e-7·|g|</c> in the cancelling <c>1 − y²</c>; with |g| ≲ 4 that is under 6e-7.
    /// </summary>
    public static readonly Tolerance TranscendentalGradient = new(2e-6, 6e-7);

    /// <summary>
    /// BatchNorm1d: statistics in double here, ATen's in double too but with another summation order and a float
    /// invstd; outputs agree to a few ulps of values of order 1–3, and over three steps the running statistics drift by no more.
    /// </summary>
    public static readonly Tolerance BatchNorm = new(1e-5, 1e-6);

    /// <summary>Losses: sums in double here, float cascades in ATen; log/exp within an ulp. Values and gradients of order 1.</summary>
    public static readonly Tolerance Loss = new(2e-6, 1e-7);

    /// <summary>
    /// Optimizers after six steps: the same float operations as TorchSharp's calls into ATen, but whether ATen fuses a
    /// multiply-add depends on its vector path, so allow one rounding per operation per step (≈ 10 ops × 6 steps × 2⁻²⁴).
    /// </summary>
    public static readonly Tolerance Optimizer = new(4e-6, 1e-7);

    /// <summary>
    /// The first experiment's per-epoch loss over 250 Adam epochs: inputs differ from PyTorch's by ~1e-6 (vectorised
    /// Box–Muller), products sum in another order; Adam's normalised steps keep such differences small but they add
    /// up over the run. Measured: within 1e-6 relative until epochs 63–113, within 1e-4 relative (1e-7 absolute) for all 250.
    /// </summary>
    public static readonly Tolerance ExperimentLoss = new(1e-4, 1e-7);

    /// <summary>
    /// The product kernels against a double-precision naive product: a float fma chain of length K carries at most
    /// about K·2⁻²⁴·Σ|aᵢbᵢ| error. The property checks <c>|c − exact| ≤ GemmChainFactor · K · 2⁻²⁴ · Σ|aᵢbᵢ| + tiny</c>.
    /// </summary>
    public const double GemmChainFactor = 1.0;
}
