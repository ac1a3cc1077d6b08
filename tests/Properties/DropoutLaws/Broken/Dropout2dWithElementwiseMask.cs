using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutLaws.Broken;

/// <summary>
/// BUG: a Dropout2d that draws one Bernoulli per ELEMENT instead of one per (sample, channel): right rate, right scale,
/// right mean, but it drops pixels, not feature maps, so neighbouring correlated pixels still carry the channel.
/// </summary>
public sealed class Dropout2dWithElementwiseMask(double p, TorchGenerator generator) : BrokenDropoutBase(p, generator)
{
    protected override float[]? MakeNoise(Tensor input) =>
        IsTraining && P > 0 ? ElementMask(input.Length, 1 - P, 1f / (float)(1 - P)) : null;
}
