using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;

namespace Verification.Properties.DropoutFamily.Broken;

/// <summary>
/// BUG: ignores the mode, so <c>model.eval()</c> still drops channels to α′ and predictions stay random at test time.
/// Training mode is right (one draw per (sample, channel), ATen's affine correction).
/// </summary>
public sealed class FeatureAlphaDropoutActiveInEval(double p, TorchGenerator generator) : BrokenFamilyLayer(p, generator)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (P == 0)
        {
            Slope = null;
            return input.Clone();
        }
        var (scale, keptShift, droppedShift) = DropoutFamilyLaws.Affine(P, alpha: true);
        int groups = input.Size(0) * input.Size(1), plane = input.Length / groups;
        float[] keep = Keep(groups);
        var y = new Tensor(input.Shape);
        Slope = new float[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            bool kept = keep[i / plane] == 1;
            y[i] = kept ? input[i] * scale + keptShift : input[i] * 0f + droppedShift;
            Slope[i] = kept ? scale : 0f;
        }
        return y;
    }
}
