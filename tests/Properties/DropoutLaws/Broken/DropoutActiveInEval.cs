using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutLaws.Broken;

/// <summary>
/// BUG: ignores the mode — keeps dropping (correctly, with the rescale) after <c>model.eval()</c>, so predictions are
/// random and every evaluation consumes random numbers (the "forgot model.eval()" symptom, built into the layer).
/// </summary>
public sealed class DropoutActiveInEval(double p, TorchGenerator generator) : BrokenDropoutBase(p, generator)
{
    protected override float[]? MakeNoise(Tensor input) =>
        P == 0 ? null : ElementMask(input.Length, 1 - P, 1f / (float)(1 - P));
}
