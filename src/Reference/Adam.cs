using Verification.Core;
using Verification.Core.Checkpoints;

namespace Verification.Reference;

/// <summary>
/// <c>optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)</c> with coupled (L2) decay:
/// <c>g ← g + λ·w; m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; w ← w − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)</c>.
/// The order of float operations is TorchSharp 0.107's (Optimizers/Adam.cs): bias corrections in double, every
/// scalar rounded to float before it meets a tensor, and <c>a + α·b</c> (libtorch's <c>add</c>/<c>addcmul</c>) one fused
/// multiply-add, as libtorch's compiled kernels compute it.
/// </summary>
public sealed class Adam : IStatefulOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;

    /// <summary>Validates the hyper-parameters with PyTorch's messages before keeping anything.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0)
    {
        OptimizerChecks.LearningRate(lr, nameof(lr));
        OptimizerChecks.Epsilon(eps, nameof(eps));
        OptimizerChecks.Beta(beta1, 0, nameof(beta1));
        OptimizerChecks.Beta(beta2, 1, nameof(beta2));
        OptimizerChecks.WeightDecay(weightDecay, nameof(weightDecay));
        _parameters = OptimizerChecks.RequireParameters(parameters, nameof(parameters));
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

    /// <summary>λ (coupled: added to the gradient).</summary>
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
        float weightDecay = (float)WeightDecay, eps = (float)Eps;
        float sqrtBiasCorrection2 = (float)Math.Sqrt(biasCorrection2);
        float negativeStepSize = (float)-stepSize;

        for (int p = 0; p < _parameters.Length; p++)
        {
            float[] w = _parameters[p].Value.Data, gradient = _parameters[p].Grad.Data;
            float[] m = _expAvg[p].Data, v = _expAvgSq[p].Data;
            for (int i = 0; i < w.Length; i++)
            {
                // g ← g + λ·w (coupled decay: it enters the moments)
                float g = WeightDecay != 0 ? MathF.FusedMultiplyAdd(weightDecay, w[i], gradient[i]) : gradient[i];
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
