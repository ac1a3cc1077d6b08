using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;

namespace Verification.Properties.DropoutFamily.Broken;

/// <summary>
/// BUG: applies alpha dropout's a and b but drops units to 0 (as plain dropout does) instead of to α′ before the affine
/// map: a dropped unit becomes b₁ = α·a·p, so the mean is b₁ instead of 0. a and b are only right for the α′ they were
/// derived with.
/// </summary>
public sealed class AlphaDropoutDroppingToZero(double p, TorchGenerator generator) : BrokenFamilyLayer(p, generator)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0)
        {
            Slope = null;
            return input.Clone();
        }
        var (scale, keptShift, _) = DropoutFamilyLaws.Affine(P, alpha: true);
        float[] keep = Keep(input.Length);
        var y = new Tensor(input.Shape);
        Slope = new float[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = input[i] * (keep[i] * scale) + keptShift;
            Slope[i] = keep[i] * scale;
        }
        return y;
    }
}
