using Verification.Core;

namespace Verification.Reference;

/// <summary>
/// <c>optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)</c> with coupled (L2) decay:
/// <c>g ← g + λ·w</c>, then the update of <see cref="AdamFamily"/>.
/// </summary>
public sealed class Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9,
    double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    : AdamFamily(parameters, lr, beta1, beta2, eps, weightDecay)
{
    private readonly float _weightDecay = (float)weightDecay;

    /// <summary>g ← g + λ·w (coupled decay: it enters the moments).</summary>
    protected override float Decay(ref float weight, float gradient) =>
        WeightDecay != 0 ? MathF.FusedMultiplyAdd(_weightDecay, weight, gradient) : gradient;
}
