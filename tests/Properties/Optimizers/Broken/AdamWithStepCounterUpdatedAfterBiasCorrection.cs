using Verification.Core;

namespace Verification.Properties.Optimizers.Broken;

/// <summary>
/// BUG: computes the bias corrections 1 − βᵗ with the step count before incrementing it, so the first step divides by
/// 1 − β⁰ = 0 (an infinite step) and every later step uses t − 1. Otherwise Adam exactly as the Reference writes it.
/// </summary>
public sealed class AdamWithStepCounterUpdatedAfterBiasCorrection(IReadOnlyList<Parameter> parameters, double lr = 1e-3,
    double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0) : IOptimizer
{
    private readonly Parameter[] _parameters = parameters.ToArray();
    private readonly Tensor[] _expAvg = parameters.Select(p => new Tensor(p.Value.Shape)).ToArray();
    private readonly Tensor[] _expAvgSq = parameters.Select(p => new Tensor(p.Value.Shape)).ToArray();
    private long _step;

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public void Step()
    {
        double biasCorrection1 = 1 - Math.Pow(beta1, _step);   // the bug: t not yet incremented
        double biasCorrection2 = 1 - Math.Pow(beta2, _step);
        _step += 1;
        float sqrtBiasCorrection2 = (float)Math.Sqrt(biasCorrection2);
        float negativeStepSize = (float)(-lr / biasCorrection1);
        for (int p = 0; p < _parameters.Length; p++)
        {
            float[] w = _parameters[p].Value.Data, gradient = _parameters[p].Grad.Data;
            float[] m = _expAvg[p].Data, v = _expAvgSq[p].Data;
            for (int i = 0; i < w.Length; i++)
            {
                float g = weightDecay != 0 ? MathF.FusedMultiplyAdd((float)weightDecay, w[i], gradient[i]) : gradient[i];
                m[i] = MathF.FusedMultiplyAdd((float)(1 - beta1), g, m[i] * (float)beta1);
                v[i] = MathF.FusedMultiplyAdd((float)(1 - beta2) * g, g, v[i] * (float)beta2);
                float denominator = MathF.Sqrt(v[i]) / sqrtBiasCorrection2 + (float)eps;
                w[i] = w[i] + negativeStepSize * m[i] / denominator;
            }
        }
    }

    public void ZeroGrad()
    {
        foreach (Parameter p in _parameters) p.ZeroGrad();
    }
}
