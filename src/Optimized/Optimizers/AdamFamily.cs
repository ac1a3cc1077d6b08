using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// What Adam and AdamW share: the moments, the step counter and the update
/// <c>m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; w ← w − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)</c>.
/// They differ only in how weight decay acts (<see cref="IWeightDecay"/>). Per element in float, in
/// TorchSharp's order (Optimizers/Adam.cs, AdamW.cs): bias corrections in double, every scalar rounded to float before
/// it meets a tensor, <c>a + α·b</c> one fused multiply-add. One fused pass per parameter (a 512-, 256- or 128-bit body and a scalar tail,
/// <see cref="AdamUpdate{TDecay}"/>), every body computing the same operations, so results are bit-identical to the Reference's.
/// </summary>
public abstract class AdamFamily : IStatefulOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;

    /// <summary>Validates the hyper-parameters with PyTorch's messages before keeping anything.</summary>
    protected AdamFamily(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
    {
        _parameters = OptimizerChecks.Adam(parameters, lr, beta1, beta2, eps, weightDecay);
        _expAvg = new Tensor[_parameters.Length];
        _expAvgSq = new Tensor[_parameters.Length];
        for (int p = 0; p < _parameters.Length; p++)
        {
            _expAvg[p] = new Tensor(_parameters[p].Value.Shape);
            _expAvgSq[p] = new Tensor(_parameters[p].Value.Shape);
        }
        LearningRate = lr;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
    }

    /// <summary>lr.</summary>
    public double LearningRate { get; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Eps { get; }

    /// <summary>λ; how it acts is the subclass's (<see cref="IWeightDecay"/>).</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>t: the number of steps taken (every parameter steps together, so one counter serves all).</summary>
    public long StepCount { get; private set; }

    /// <summary>m (exp_avg) of each parameter.</summary>
    public IReadOnlyList<Tensor> ExpAvg => _expAvg;

    /// <summary>v (exp_avg_sq) of each parameter.</summary>
    public IReadOnlyList<Tensor> ExpAvgSq => _expAvgSq;

    /// <inheritdoc/>
    public void Step()
    {
        StepCount += 1;
        double biasCorrection1 = 1 - Math.Pow(Beta1, StepCount);
        double biasCorrection2 = 1 - Math.Pow(Beta2, StepCount);
        var s = new AdamScalars(
            Beta1: (float)Beta1,
            OneMinusBeta1: (float)(1 - Beta1),
            Beta2: (float)Beta2,
            OneMinusBeta2: (float)(1 - Beta2),
            SqrtBiasCorrection2: (float)Math.Sqrt(biasCorrection2),
            Eps: (float)Eps,
            MinusStepSize: (float)-(LearningRate / biasCorrection1));
        for (int p = 0; p < _parameters.Length; p++)
        {
            Update(_parameters[p].Value.Data, _parameters[p].Grad.Data, _expAvg[p].Data, _expAvgSq[p].Data, s);
        }
    }

    /// <summary>
    /// One parameter's fused update (<see cref="AdamUpdate{TDecay}"/> through <see cref="VectorDriver"/>) with the
    /// subclass's weight decay: Adam adds λ·w to the gradient (coupled), AdamW shrinks w itself (decoupled).
    /// </summary>
    private protected abstract void Update(Span<float> w, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, AdamScalars s);

    /// <inheritdoc/>
    public OptimizerState SaveState() => OptimizerStates.AdamMoments(StepCount, _expAvg, _expAvgSq);

    /// <inheritdoc/>
    public void LoadState(OptimizerState state) =>
        StepCount = OptimizerStates.LoadAdamMoments(state, _parameters, _expAvg, _expAvgSq, nameof(state));

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (Parameter p in _parameters) p.ZeroGrad();
    }
}
