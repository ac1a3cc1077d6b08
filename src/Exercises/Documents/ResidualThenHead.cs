using Verification.Core;

namespace Verification.Exercises.Documents;

/// <summary>
/// The residual block of 002_91f9a1e79ea80b56.txt's third interview question followed by the next layer:
/// y = head(x + branch(x)). Forward only: exercise 002.5 measures statistics, not gradients.
/// </summary>
internal sealed class ResidualThenHead(IModule branch, IModule head) : IModule
{
    public bool IsTraining => head.IsTraining;

    public void SetTraining(bool training)
    {
        branch.SetTraining(training);
        head.SetTraining(training);
    }

    public Tensor Forward(Tensor input)
    {
        var h = branch.Forward(input).Clone();
        for (int i = 0; i < h.Length; i++) h[i] += input[i];
        return head.Forward(h);
    }

    public Tensor Backward(Tensor gradOutput) => throw new NotSupportedException("this exercise runs forward passes only.");

    public IEnumerable<NamedParameter> NamedParameters() => branch.NamedParameters().Concat(head.NamedParameters());
}
