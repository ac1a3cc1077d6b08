using Verification.Core;

namespace Verification.Optimized;

/// <summary>
/// <c>optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)</c> with coupled (L2) decay:
/// <c>g ← g + λ·w</c>, then the update of <see cref="AdamFamily"/>.
/// </summary>
public sealed class Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9,
    double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    : AdamFamily(parameters, lr, beta1, beta2, eps, weightDecay)
{
    private readonly float _weightDecay = (float)weightDecay;

    /// <summary>g ← fma(λ, w, g) (coupled decay: it enters the moments), then the moments and the step.</summary>
    private protected override void Update(Span<float> w, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, AdamScalars s) =>
        VectorDriver.Update(new AdamUpdate<CoupledDecay>(new CoupledDecay(_weightDecay), s), w, grad, m, v);
}
