using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutFamily.Broken;

/// <summary>
/// BUG: a Dropout1d that draws one Bernoulli per ELEMENT instead of one per (sample, channel): right rate, right scale,
/// right mean, but it drops time steps, not channels, so a channel's correlated neighbours still carry it.
/// </summary>
public sealed class Dropout1dWithElementwiseMask(double p, TorchGenerator generator) : BrokenFamilyLayer(p, generator)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0)
        {
            Slope = null;
            return input.Clone();
        }
        float scale = 1f / (float)(1 - P);
        float[] keep = Keep(input.Length);
        var y = new Tensor(input.Shape);
        Slope = new float[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            Slope[i] = keep[i] * scale;
            y[i] = input[i] * Slope[i];
        }
        return y;
    }
}
