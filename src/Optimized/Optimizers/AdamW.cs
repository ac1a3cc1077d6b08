using Verification.Core;

namespace Verification.Optimized;

/// <summary>
/// <c>optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2)</c> with decoupled decay:
/// <c>w ← (1 − lr·λ)·w</c>, then the update of <see cref="AdamFamily"/> with the plain gradient.
/// </summary>
public sealed class AdamW(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9,
    double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
    : AdamFamily(parameters, lr, beta1, beta2, eps, weightDecay)
{
    private readonly float _decayFactor = (float)(1 - lr * weightDecay);

    /// <summary>w ← w·(1 − lr·λ) before the moments (decoupled decay: it never enters them), then the moments and the step.</summary>
    private protected override void Update(Span<float> w, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, AdamScalars s) =>
        VectorDriver.Update(new AdamUpdate<DecoupledDecay>(new DecoupledDecay(_decayFactor), s), w, grad, m, v);
}
