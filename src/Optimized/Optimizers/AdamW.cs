using Verification.Core;

namespace Verification.Optimized;

/// <summary>
/// <c>optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2)</c>: decoupled decay,
/// <c>w ← w·(1 − lr·λ)</c>, then the Adam update of <see cref="Adam"/> without decay in the gradient.
/// </summary>
public sealed class AdamW : IStatefulOptimizer
{
    private readonly AdamCore _core;

    /// <summary>An AdamW optimizer over <paramref name="parameters"/>.</summary>
    public AdamW(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
    {
        _core = new AdamCore(parameters, lr, beta1, beta2, eps, weightDecay, decoupled: true);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _core.Parameters;

    /// <inheritdoc/>
    public void Step() => _core.Step();

    /// <inheritdoc/>
    public void ZeroGrad() => _core.ZeroGrad();

    /// <inheritdoc/>
    public OptimizerState SaveState() => _core.SaveState();

    /// <inheritdoc/>
    public void LoadState(OptimizerState state) => _core.LoadState(state);
}
