using Verification.Core;

namespace Verification.Properties.CrossChecks.Broken;

/// <summary>
/// BUG: Nesterov's look-ahead with the wrong sign, <c>g ← g − μ·b</c> instead of <c>g + μ·b</c>; plain momentum and
/// momentum-free SGD are right, so only a Nesterov case exposes it. The optimizer cross-check must reject it.
/// </summary>
public sealed class SgdWithNesterovSignFlipped(IReadOnlyList<Parameter> parameters, double lr, double momentum, double weightDecay) : IOptimizer
{
    private readonly float[][] _buffers = parameters.Select(p => new float[p.Value.Length]).ToArray();
    private bool _started;

    public IReadOnlyList<Parameter> Parameters => parameters;

    public void Step()
    {
        float lr32 = (float)lr, mu = (float)momentum, decay = (float)weightDecay;
        for (int k = 0; k < parameters.Count; k++)
        {
            float[] w = parameters[k].Value.Data, grad = parameters[k].Grad.Data, b = _buffers[k];
            for (int i = 0; i < w.Length; i++)
            {
                float g = decay != 0 ? MathF.FusedMultiplyAdd(decay, w[i], grad[i]) : grad[i];
                b[i] = _started ? MathF.FusedMultiplyAdd(1f, g, b[i] * mu) : g;
                g = MathF.FusedMultiplyAdd(-mu, b[i], g);
                w[i] = MathF.FusedMultiplyAdd(-lr32, g, w[i]);
            }
        }
        _started = true;
    }

    public void ZeroGrad()
    {
        foreach (var p in parameters) p.ZeroGrad();
    }
}
