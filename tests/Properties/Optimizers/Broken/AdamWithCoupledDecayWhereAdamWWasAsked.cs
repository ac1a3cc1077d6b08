using Verification.Core;
using Verification.Reference;

namespace Verification.Properties.Optimizers.Broken;

/// <summary>
/// BUG: asked for AdamW, runs Adam's coupled decay: λ·w is added to the gradient and so divided by √v̂ like any
/// gradient, instead of shrinking the weights by (1 − lr·λ) outside the moments (Loshchilov and Hutter's point).
/// </summary>
public sealed class AdamWithCoupledDecayWhereAdamWWasAsked(IReadOnlyList<Parameter> parameters, double lr = 1e-3,
    double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2) : IOptimizer
{
    private readonly Adam _adam = new(parameters, lr, beta1, beta2, eps, weightDecay);

    public IReadOnlyList<Parameter> Parameters => _adam.Parameters;
    public void Step() => _adam.Step();
    public void ZeroGrad() => _adam.ZeroGrad();
}
