using Verification.Core;

namespace Verification.Properties.CrossChecks.Broken;

/// <summary>
/// BUG: a Linear whose backward forgets to accumulate ∂W — its weight gradient stays all zeros, while ∂x and ∂b are
/// right. Any bound that for medium shapes exceeds the gradient itself (an absolute floor of N·max|x|·…) lets it pass.
/// </summary>
public sealed class LinearWithZeroedWeightGradient(IModule linear) : IModule
{
    public bool IsTraining => linear.IsTraining;

    public void SetTraining(bool training) => linear.SetTraining(training);

    public Tensor Forward(Tensor input) => linear.Forward(input);

    public Tensor Backward(Tensor gradOutput)
    {
        Tensor weight = linear.NamedParameters().Single(p => p.Name == "weight").Parameter.Grad;
        float[] before = (float[])weight.Data.Clone();
        Tensor gradInput = linear.Backward(gradOutput);
        before.CopyTo(weight.Data, 0);
        return gradInput;
    }

    public IEnumerable<NamedParameter> NamedParameters() => linear.NamedParameters();
}
