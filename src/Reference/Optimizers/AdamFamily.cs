using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// What Adam and AdamW share: the moments, the step counter and the update
/// <c>m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; w ← w − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)</c>.
/// They differ only in how weight decay acts (<see cref="Decay"/>). The order of float operations is TorchSharp
/// 0.107's (Optimizers/Adam.cs, AdamW.cs): bias corrections in double, every scalar rounded to float before it meets a
/// tensor, and <c>a + α·b</c> (libtorch's <c>add</c>/<c>addcmul</c>) one fused multiply-add, as libtorch's compiled
/// kernels compute it.
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

    /// <summary>λ; how it acts is <see cref="Decay"/>'s.</summary>
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
        double stepSize = LearningRate / biasCorrection1;

        float beta1 = (float)Beta1, oneMinusBeta1 = (float)(1 - Beta1);
        float beta2 = (float)Beta2, oneMinusBeta2 = (float)(1 - Beta2);
        float eps = (float)Eps;
        float sqrtBiasCorrection2 = (float)Math.Sqrt(biasCorrection2);
        float negativeStepSize = (float)-stepSize;

        for (int p = 0; p < _parameters.Length; p++)
        {
            float[] w = _parameters[p].Value.Data, gradient = _parameters[p].Grad.Data;
            float[] m = _expAvg[p].Data, v = _expAvgSq[p].Data;
            for (int i = 0; i < w.Length; i++)
            {
                float g = Decay(ref w[i], gradient[i]);
                // m ← β₁·m + (1 − β₁)·g
                m[i] = MathF.FusedMultiplyAdd(oneMinusBeta1, g, m[i] * beta1);
                // v ← β₂·v + (1 − β₂)·g²
                v[i] = MathF.FusedMultiplyAdd(oneMinusBeta2 * g, g, v[i] * beta2);
                // w ← w − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
                float denominator = MathF.Sqrt(v[i]) / sqrtBiasCorrection2 + eps;
                w[i] = w[i] + negativeStepSize * m[i] / denominator;
            }
        }
    }

    /// <summary>
    /// Weight decay for one element, before the moments: Adam adds λ·w to the gradient (coupled), AdamW shrinks w
    /// itself (decoupled). Returns the gradient the moments see.
    /// </summary>
    protected abstract float Decay(ref float weight, float gradient);

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
