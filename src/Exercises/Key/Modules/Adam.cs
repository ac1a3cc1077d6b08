using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 000.L4: <c>torch.optim.Adam</c> (Kingma and Ba, 2015), step t:
/// <c>g ← g + λ·w</c> (coupled decay), <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c>,
/// <c>w ← w − lr·(m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε)</c> — the bias corrections undo the moments' start at 0.
/// </summary>
public class Adam : IOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly float[][] _m, _v;
    private int _step;

    /// <summary>Adam over <paramref name="parameters"/> with PyTorch's meaning of each hyper-parameter.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
    {
        _parameters = OptimizerChecks.Adam(parameters, lr, beta1, beta2, eps, weightDecay);
        _m = _parameters.Select(p => new float[p.Value.Length]).ToArray();
        _v = _parameters.Select(p => new float[p.Value.Length]).ToArray();
        LearningRate = lr;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
    }

    /// <summary>lr.</summary>
    protected double LearningRate { get; }

    /// <summary>β₁.</summary>
    protected double Beta1 { get; }

    /// <summary>β₂.</summary>
    protected double Beta2 { get; }

    /// <summary>ε.</summary>
    protected double Eps { get; }

    /// <summary>λ.</summary>
    protected double WeightDecay { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>One Adam step over every parameter.</summary>
    public void Step()
    {
        _step++;
        var (correction1, correction2) = BiasCorrections(_step);
        for (int p = 0; p < _parameters.Length; p++)
        {
            float[] w = _parameters[p].Value.Data, grad = _parameters[p].Grad.Data, m = _m[p], v = _v[p];
            for (int i = 0; i < w.Length; i++)
            {
                float g = Gradient(ref w[i], grad[i]);
                m[i] = (float)Beta1 * m[i] + (float)(1 - Beta1) * g;
                v[i] = (float)Beta2 * v[i] + (float)(1 - Beta2) * g * g;
                float denominator = MathF.Sqrt(v[i]) / (float)Math.Sqrt(correction2) + (float)Eps;
                w[i] -= (float)(LearningRate / correction1) * m[i] / denominator;
            }
        }
    }

    /// <summary>(1 − β₁ᵗ, 1 − β₂ᵗ): m and v start at 0, so early on they underestimate E[g] and E[g²] by these factors.</summary>
    protected virtual (double First, double Second) BiasCorrections(int step) => (1 - Math.Pow(Beta1, step), 1 - Math.Pow(Beta2, step));

    /// <summary>Adam's coupled decay: the gradient the moments see is g + λ·w.</summary>
    protected virtual float Gradient(ref float weight, float gradient) => gradient + (float)WeightDecay * weight;

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (Parameter p in _parameters) p.ZeroGrad();
    }
}
