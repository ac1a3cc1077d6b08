using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutLaws.Broken;

/// <summary>
/// BUG: drops with the right probability but forgets the 1/(1 − p) rescale of the kept units ("naive" dropout used
/// with an inverted-dropout eval mode), so in training E[y] = (1 − p)·x instead of x.
/// </summary>
public sealed class DropoutWithoutRescale(double p, TorchGenerator generator) : BrokenDropoutBase(p, generator)
{
    protected override float[]? MakeNoise(Tensor input) =>
        IsTraining ? ElementMask(input.Length, 1 - P, 1f) : null;
}
