using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutFamily.Broken;

/// <summary>
/// BUG: sets dropped units to SELU's α′ but forgets the affine correction (a = 1, b = 0): <c>y = m·x + (1 − m)·α′</c>.
/// The mean becomes p·α′ (−0.88 at p = 0.5) and the variance grows, so self-normalisation breaks.
/// </summary>
public sealed class AlphaDropoutWithoutAffineCorrection(double p, TorchGenerator generator) : BrokenFamilyLayer(p, generator)
{
    private const float AlphaPrime = -1.7580993f;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0)
        {
            Slope = null;
            return input.Clone();
        }
        float[] keep = Keep(input.Length);
        var y = new Tensor(input.Shape);
        for (int i = 0; i < y.Length; i++) y[i] = keep[i] == 1 ? input[i] : AlphaPrime;
        Slope = keep;
        return y;
    }
}
