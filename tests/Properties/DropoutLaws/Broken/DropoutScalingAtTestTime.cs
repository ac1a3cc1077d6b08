using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutLaws.Broken;

/// <summary>
/// BUG (as a drop-in for nn.Dropout): the original, non-inverted dropout of Srivastava et al. — no rescale in training,
/// y = (1 − p)·x in eval. Self-consistent as a whole, but its training outputs have mean (1 − p)·x and its eval mode
/// is not the identity, so it breaks PyTorch's contract (and any checkpoint trained with inverted dropout).
/// </summary>
public sealed class DropoutScalingAtTestTime(double p, TorchGenerator generator) : BrokenDropoutBase(p, generator)
{
    protected override float[]? MakeNoise(Tensor input)
    {
        if (IsTraining)
        {
            return ElementMask(input.Length, 1 - P, 1f);
        }
        var noise = new float[input.Length];
        Array.Fill(noise, (float)(1 - P));
        return noise;
    }
}
