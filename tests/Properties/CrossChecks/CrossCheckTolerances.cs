namespace Verification.Properties.CrossChecks;

/// <summary>
/// Every bound the Optimized ≡ Reference cross-checks use, with its reason, in one place.
/// <para>
/// u = 2⁻²⁴ is float32's unit roundoff: one correctly rounded operation on exact inputs is off by at most u·|result|.
/// Where both stacks perform the same float operations in the same order the check is bit for bit (masks, scaled
/// dropout values, ReLU, running statistics, every optimizer update). Where they differ, the bound is computed per
/// element from the inputs of that element (<c>Σ|terms|</c>, the magnitude of what was summed), not a blanket 1e-5: a sum
/// of K terms that two programs round differently differs by at most about <c>2·K·u·Σ|terms|</c> however large or
/// small the values are, and a bound of that form fails on an off-by-one term (error ≈ |term|) or a wrong factor.
/// </para>
/// </summary>
public static class CrossCheckTolerances
{
    /// <summary>u = 2⁻²⁴, float32's unit roundoff.</summary>
    public const double Unit = 1.0 / (1 << 24);

    /// <summary>
    /// The absolute floor under every per-element bound: the smallest normal float, 2⁻¹²⁶. Results below it are
    /// subnormal and carry an absolute, not a relative, precision (e.g. σ(−88) ≈ 6e-39 via different exp kernels).
    /// </summary>
    public const double Floor = 1.1754943508222875e-38;

    /// <summary>
    /// A sum of <paramref name="terms"/> products (a dot product, a bias counted as one more term) computed by two
    /// programs in different orders and with or without fused multiply-adds. Reference: <c>s += a·b</c> (product rounded,
    /// then the sum: γ_{K+1} = (K+1)u/(1 − (K+1)u) of Σ|aᵢbᵢ| by the classic recursive-summation bound).
    /// Optimized: one fma chain in increasing k (γ_K). Both are that close to the exact sum, so they are within
    /// 2·γ_{K+1}·Σ|aᵢbᵢ| ≤ 2·(K + 2)·u·Σ|aᵢbᵢ| of each other (for K ≪ 1/u).
    /// </summary>
    public static double Product(int terms, double magnitude) => 2.0 * (terms + 2) * Unit * magnitude + Floor;

    /// <summary>
    /// Sigmoid and Tanh forward: TensorPrimitives' vectorised exp/tanh and MathF's scalar ones are each within a couple
    /// of ulps of the true value (1 ulp ≤ 2u relative), and the sigmoid's 1 + e⁻ˣ and division add two roundings:
    /// 16u relative (8 ulps) covers both sides with room, and is still 60× tighter than 1e-5.
    /// </summary>
    public const double TranscendentalRelative = 16 * Unit;

    /// <summary>
    /// TensorPrimitives.Tanh is accurate relative to 1 but not to tanh x near 0: measured over 2·10⁶ inputs spread
    /// log-uniformly over 1e-8 … 100, its error exceeds 16u·|tanh x| by up to 1.13u in absolute terms (e.g. 3.6e-8 at
    /// tanh x = 0.0059, 6e-6 relative), while MathF.Tanh stays within 2.8u relative. So Tanh's forward bound adds 2u absolute.
    /// </summary>
    public const double TanhAbsolute = 2 * Unit;

    /// <summary>
    /// Sigmoid and Tanh backward are computed from each stack's own saved output y, with the same formula but y may
    /// differ by Δy (bounded by <see cref="TranscendentalRelative"/>). So the bound is first order in Δy:
    /// <c>|g|·|∂f′/∂y|·Δy</c> (σ: f′ = y(1 − y), ∂/∂y = 1 − 2y; tanh: f′ = 1 − y², ∂/∂y = −2y), plus the roundings of
    /// the two or three float operations (here 4u of the magnitude <c>|g|·|f′|</c>), plus for Tanh one u·y²·|g|: the
    /// Reference fuses 1 − y² into one rounding, the Optimized rounds y² first.
    /// </summary>
    public const double ActivationGradientRoundings = 4 * Unit;

    /// <summary>
    /// BatchNorm1d forward: both take μ and 1/√(σ² + ε) bit-identically (double sums in the same order, then rounded);
    /// they then differ only in the order of three or four float operations on (x − μ), 1/σ, γ, β:
    /// each side is within 4u of <c>|x − μ|·|γ/σ| + |β|</c> of the exact value.
    /// </summary>
    public const double BatchNormForwardRoundings = 8 * Unit;

    /// <summary>
    /// BatchNorm1d's input gradient: the Reference works in double from float inputs (one final rounding); the Optimized
    /// rounds x̂, mean(g), mean(g·x̂) and γ/σ to float and forms <c>(g − mean g − x̂·mean(g x̂))·γ/σ</c> in float. Each of
    /// those ≤ 8 roundings is at most u of the magnitude <c>|γ/σ|·(|g| + |mean g| + |x̂|·(|mean(g x̂)| + mean|g x̂|))</c>;
    /// with the double side's own rounding, 12u of that magnitude bounds the difference. The bound is per element, so the
    /// cancelling case (g ≈ its mean) is allowed its full absolute error and a dropped term is still caught.
    /// </summary>
    public const double BatchNormGradientRoundings = 12 * Unit;

    /// <summary>
    /// BatchNorm1d's ∂γ = Σ g·x̂: the Reference multiplies Σ g·(x − μ) (double) by 1/σ; the Optimized sums g·x̂ with x̂
    /// rounded to float (2 roundings), both in double. The difference is at most 2u·Σ|g·x̂| plus the two final roundings.
    /// </summary>
    public const double BatchNormGammaRoundings = 4 * Unit;

    /// <summary>
    /// The losses: the Reference sums float terms (K = n terms of recursive float summation: n·u·Σ|terms|), the Optimized
    /// sums doubles and rounds once. Each term's own elementary functions (exp, log1p, log: within 1 ulp in .NET) and its
    /// two or three roundings are covered by a few more u. So |ΔL| ≤ (n + <see cref="LossExtraRoundings"/>)·u·mean|terms|.
    /// </summary>
    public const int LossExtraRoundings = 6;

    /// <summary>
    /// A loss gradient element (σ(x) − t)/n, 2(x − t)/n or (softmax − onehot)/N: float on one side, double rounded once on
    /// the other; exp within 1 ulp, then a subtraction and a scaling: 6u of <c>(|first| + |second|)·scale</c>, and for the
    /// cross-entropy's softmax the error of the log-sum-exp it is taken against (C + 4 roundings of the row sum).
    /// </summary>
    public const double LossGradientRoundings = 6 * Unit;

    /// <summary>
    /// Whole networks (Sequential of Linear, Tanh, Dropout, Linear, Sigmoid, Linear): each Linear adds at most
    /// 2·(K + 2)·u of its sums' magnitude (K ≤ 70: 8.6e-6 relative), the smooth activations are 1-Lipschitz, and a
    /// later layer carries the earlier differences forward scaled by |W| ≲ 1 (PyTorch's init, U(±1/√K), keeps each
    /// layer's gain near 1). Three layers: ≲ 3·8.6e-6; stated as 5e-5 of the tensor's largest magnitude plus 5e-5 relative,
    /// because the errors are relative to the sums' magnitudes, not to each (possibly cancelled) element.
    /// </summary>
    public const double NetworkRelative = 5e-5;

    /// <summary>
    /// Training runs (document 000's experiment for a few epochs; a mini-batch AdamW run): the per-step differences
    /// above (≲ 1e-5 relative) pass through Adam, whose update m/√v is scale-free and of size lr, so a relative
    /// difference of ε in a gradient moves a weight by about ε·lr; over 3–5 epochs the loss curves stay within ~1e-5
    /// relative (the golden parity run measured 1e-6 for the first 60 epochs against PyTorch). Stated: 1e-4 relative,
    /// 1e-6 absolute. Accuracy is a count of signs and must be equal.
    /// </summary>
    public const double TrainingLossRelative = 1e-4;

    /// <summary>Absolute floor of <see cref="TrainingLossRelative"/>.</summary>
    public const double TrainingLossAbsolute = 1e-6;
}
