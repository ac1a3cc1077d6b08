using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutLaws.Broken;

/// <summary>
/// BUG: reads p as the KEEP probability (the old CS231n convention) where PyTorch's p is the drop probability:
/// keeps each unit with probability p and scales by 1/p. The mean is still x, so only the keep rate, the variance
/// (x²·(1 − p)/p instead of x²·p/(1 − p)) and the scale give it away; at p = 0.5 it is indistinguishable.
/// </summary>
public sealed class DropoutWithKeepProbabilityConfusion(double p, TorchGenerator generator) : BrokenDropoutBase(p, generator)
{
    protected override float[]? MakeNoise(Tensor input) =>
        IsTraining ? ElementMask(input.Length, P, 1f / (float)P) : null;
}
