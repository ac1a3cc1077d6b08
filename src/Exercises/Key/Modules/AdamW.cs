using Verification.Core;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 002.L3: <c>torch.optim.AdamW</c> (Loshchilov and Hutter, 2019, "Decoupled Weight Decay
/// Regularization"): first <c>w ← w·(1 − lr·λ)</c>, as PyTorch's <c>param.mul_(1 - lr * weight_decay)</c>, then Adam's step on
/// the raw gradient — the decay never passes through the moments, so Adam's normalisation cannot shrink it.
/// </summary>
public sealed class AdamW(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
    : Adam(parameters, lr, beta1, beta2, eps, weightDecay)
{
    /// <summary>Decoupled decay: shrink the weight, hand the moments the gradient untouched.</summary>
    protected override float Gradient(ref float weight, float gradient)
    {
        weight *= (float)(1 - LearningRate * WeightDecay);
        return gradient;
    }
}
