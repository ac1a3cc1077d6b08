namespace Verification.Parity;

/// <summary>
/// Every tolerance of the parity checks, in one place, each with its reason. Bit-exact where libtorch computes each
/// element exactly and in the same order as our loops (its compiled kernels fuse <c>a + α·b</c> into one FMA; we do
/// the same where that matters); a few float32 ulp where libtorch uses vectorised math (SLEEF exp/log/tanh) or another
/// summation order (BLAS matrix products, vectorised reductions). Each bound is several times the largest error seen
/// over all golden cases (noted beside it) and far below what a wrong formula produces (a missing factor or term is
/// off by 1e-2 relative or more).
/// </summary>
public static class ParityTolerances
{
    /// <summary>nn.Linear init: the same draws, the same double bound, the same fused <c>u·(to − from) + from</c>. Seen: 0 ulp.</summary>
    public static readonly Tolerance LinearInit = Tolerance.BitExact;

    /// <summary>
    /// Linear forward/backward: libtorch calls a BLAS sgemm (blocked, FMA, another summation order). Over 5–13 terms of
    /// size ~1 the difference is a few ulp of the largest term, hence the absolute floor for outputs that cancel to near
    /// zero. Seen: 4.8e-7 absolute (∂W, values ~3).
    /// </summary>
    public static readonly Tolerance MatrixProduct = Tolerance.Within(1e-5, 1e-6);

    /// <summary>ReLU: a comparison and a copy, exact in any order. Seen: 0 ulp.</summary>
    public static readonly Tolerance ReLU = Tolerance.BitExact;

    /// <summary>
    /// Sigmoid and Tanh: libtorch evaluates exp/tanh with SLEEF, .NET with its own; each within ~1 ulp (seen: 2 ulp on y).
    /// Tanh's gradient g·(1 − y²) turns one ulp of y ≈ ±1 into about 2·6e-8·|g| absolute, hence the floor.
    /// </summary>
    public static readonly Tolerance Transcendental = Tolerance.Within(1e-6, 5e-7);

    /// <summary>
    /// Sigmoid and Tanh gradients, g·y·(1 − y) and g·(1 − y²): one ulp of y near ±1 (6e-8) becomes about 2·6e-8·|g| absolute,
    /// and the vectorised exp/tanh of each implementation (SLEEF, TensorPrimitives, .NET) differ by up to 2 ulp.
    /// Seen: 5.3e-7 absolute (Optimized, |g| ≈ 2.5).
    /// </summary>
    public static readonly Tolerance TranscendentalGradient = Tolerance.Within(2e-6, 6e-7);

    /// <summary>
    /// BatchNorm1d: libtorch folds the normalisation into y = x·α + β′ and accumulates statistics in double; we compute
    /// (x − μ)/s·γ + β. A few ulp apart; the floor covers outputs near zero. Seen: 9.5e-7 absolute on ∂γ (values ~4).
    /// </summary>
    public static readonly Tolerance BatchNorm = Tolerance.Within(1e-5, 1e-6);

    /// <summary>Losses: a vectorised reduction in another order and SLEEF exp/log. Seen: 2 ulp on the mean, 7 ulp on a CE gradient.</summary>
    public static readonly Tolerance Loss = Tolerance.Within(1e-5, 1e-7);

    /// <summary>SGD/Adam/AdamW: TorchSharp 0.107's operations in the same order with the same fused multiply-adds. Seen: 0 ulp.</summary>
    public static readonly Tolerance Optimizer = Tolerance.BitExact;

    /// <summary>
    /// Dropout and Dropout2d: the mask is the same Bernoulli draws and y = x·(m/(1 − p)) is one float multiply, so values
    /// and gradients are bit-exact (±0 counted equal: the golden files print −0 as 0).
    /// </summary>
    public static readonly Tolerance Dropout = Tolerance.BitExact;

    /// <summary>
    /// The first document's experiment, per-epoch training loss: 250 Adam steps through BLAS products in another order
    /// let float rounding drift; 1e-4 relative bounds it, while a wrong draw, init or update changes the loss by percents
    /// within a few epochs.
    /// </summary>
    public static readonly Tolerance ExperimentLoss = Tolerance.Within(1e-4, 0);

    /// <summary>Train and validation accuracy per epoch: counts of correct predictions, so they must be equal.</summary>
    public static readonly Tolerance ExperimentAccuracy = Tolerance.BitExact;

    /// <summary>nn.Conv2d init: the same draws and bounds as Linear's, with fan_in = C_in/groups·k·k. Seen: 0 ulp.</summary>
    public static readonly Tolerance ConvInit = Tolerance.BitExact;

    /// <summary>
    /// Conv2d y and ∂x: libtorch runs oneDNN or im2col + sgemm (blocked, FMA, its own summation order); each element is a
    /// sum of C_in/groups·k·k (≤ 72 here) products of size ~1 in another order. Seen: 7.2e-7 absolute on y, 1.4e-6 on ∂x
    /// (both stacks); a missed tap or a wrong index is off by a product, ~1e-1.
    /// </summary>
    public static readonly Tolerance Convolution = Tolerance.Within(1e-5, 5e-6);

    /// <summary>
    /// Conv2d ∂W and ∂b: sums of N·H_out·W_out (≤ 256 here) products, rounded in another order; where they cancel (a ∂W
    /// element of 1.5e-3 from terms of ~0.5) the float rounding of the terms' magnitude shows as absolute error. Seen:
    /// 1.34e-5 absolute (Reference, its recursive float sum), 2.9e-6 (Optimized ∂W), 1.5e-5 on ∂b ≈ 30 (5e-7 relative).
    /// </summary>
    public static readonly Tolerance ConvolutionParameterGradient = Tolerance.Within(1e-5, 5e-5);

    /// <summary>MaxPool2d: a comparison and a copy forward, additions in output order backward, as ATen. Seen: 0 ulp.</summary>
    public static readonly Tolerance MaxPool = Tolerance.BitExact;

    /// <summary>AvgPool2d: a float sum over the window in row order, then one division, as ATen. Seen: 0 ulp.</summary>
    public static readonly Tolerance AvgPool = Tolerance.BitExact;

    /// <summary>
    /// Document 002's sine experiment, per-epoch MSE over its first <see cref="SineGoldenCases.ComparedEpochs"/> epochs:
    /// libtorch's products sum in another order and 3 of its 80 targets differ by one ulp of the sine, which keeps the
    /// MSE within a few 1e-7 relative until rounding differences are amplified after about epoch 110. Seen: 4.8e-7
    /// (Reference, L1), 3.3e-7 (Optimized); a missing or doubled penalty gradient moves it by far more within the prefix.
    /// </summary>
    public static readonly Tolerance SineWaveLoss = Tolerance.Within(2e-6, 0);

    /// <summary>
    /// The digits CNN (cnn_digits.json), a logit-level bound: two implementations that differ only in the summation order
    /// of their products (Reference and Optimized) end five epochs (80 Adam steps) with logits at most 5.7e-7 apart
    /// (logits below 0.8 in size); libtorch sums in a third order. 1e-5 is about 20 times that. A prediction whose two
    /// largest logits are closer than this may flip its class under another order, so an accuracy count may differ by
    /// the number of such near-ties (none in the three golden runs: their smallest margin is 4.2e-5).
    /// </summary>
    public const double CnnDigitsLogitTie = 1e-5;

    /// <summary>
    /// The digits CNN's per-epoch mean batch loss: cross-entropy's gradient with respect to one row's logits is
    /// <c>softmax − onehot</c>, whose entries sum to 2 in absolute value, so logits within
    /// <see cref="CnnDigitsLogitTie"/> move each row's loss, and the mean, by at most 2e-5 — 1e-5 relative to losses of
    /// about 2. Seen: 1.3e-7 relative (one float ulp, both stacks); a wrong shuffle order or Dropout in place of Dropout2d
    /// moves the first epoch's loss by 1e-4 relative or more (docs/parity.md).
    /// </summary>
    public static readonly Tolerance CnnDigitsLoss = Tolerance.Within(1e-5, 0);
}
