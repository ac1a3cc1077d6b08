using Verification.Core;
using Xunit;
using R = Verification.Reference;

namespace Verification.Properties.Optimizers;

/// <summary>
/// With weight_decay = 0 PyTorch's Adam never adds λ·w to the gradient (torch/optim/adam.py: <c>if weight_decay != 0</c>),
/// so an infinite weight stays infinite: adding 0·∞ = NaN would turn it into NaN.
/// </summary>
public class AdamWithoutDecayTests
{
    [Fact]
    public void Without_weight_decay_an_infinite_weight_stays_infinite()
    {
        var parameter = new Parameter(Tensor.FromValues([float.PositiveInfinity, 1f], 2));
        parameter.Grad.Data[0] = 0.5f;
        parameter.Grad.Data[1] = 0.5f;
        var adam = new R.Adam([parameter], lr: 0.1, weightDecay: 0);

        adam.Step();

        Assert.Equal(float.PositiveInfinity, parameter.Value.Data[0]);
        Assert.Equal(0.05f, adam.ExpAvg[0].Data[0], 6);
        Assert.True(float.IsFinite(parameter.Value.Data[1]));
    }
}
