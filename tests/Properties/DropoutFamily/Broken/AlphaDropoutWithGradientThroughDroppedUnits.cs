using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;

namespace Verification.Properties.DropoutFamily.Broken;

/// <summary>
/// BUG: forward is right, but backward multiplies every unit by a, dropped ones included, as if y = a·x + b everywhere:
/// a dropped unit is the constant b₀, which does not depend on x, so its gradient must be 0.
/// </summary>
public sealed class AlphaDropoutWithGradientThroughDroppedUnits(double p, TorchGenerator generator) : BrokenFamilyLayer(p, generator)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0)
        {
            Slope = null;
            return input.Clone();
        }
        var (scale, keptShift, droppedShift) = DropoutFamilyLaws.Affine(P, alpha: true);
        float[] keep = Keep(input.Length);
        var y = new Tensor(input.Shape);
        Slope = new float[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = keep[i] == 1 ? input[i] * scale + keptShift : input[i] * 0f + droppedShift;
            Slope[i] = scale;
        }
        return y;
    }
}
