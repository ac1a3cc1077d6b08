using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 002.L2: <c>torch.optim.SGD(params, lr, weight_decay=λ)</c> without momentum,
/// <c>w ← w − lr·(g + λ·w)</c>: PyTorch adds the decay to the gradient (coupled, the gradient of (λ/2)·Σ w²).
/// </summary>
public sealed class SGD(IReadOnlyList<Parameter> parameters, double lr, double weightDecay) : IOptimizer
{
    private readonly Parameter[] _parameters = OptimizerChecks.Sgd(parameters, lr, 0, 0, weightDecay, false);

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>w ← w − lr·(g + λ·w) for every weight.</summary>
    public void Step()
    {
        foreach (Parameter p in _parameters)
        {
            for (int i = 0; i < p.Value.Length; i++)
            {
                float g = p.Grad[i] + (float)weightDecay * p.Value[i];
                p.Value[i] -= (float)lr * g;
            }
        }
    }

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (Parameter p in _parameters) p.ZeroGrad();
    }
}
