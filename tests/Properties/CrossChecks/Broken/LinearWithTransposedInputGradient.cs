using Verification.Core;

namespace Verification.Properties.CrossChecks.Broken;

/// <summary>
/// BUG: a Linear whose input gradient is laid out transposed — the (N, in) result written in (in, N) order, as a kernel
/// that indexes <c>[k·N + n]</c> for <c>[n·in + k]</c> would. Same shape, same values, wrong places.
/// </summary>
public sealed class LinearWithTransposedInputGradient(IModule linear) : IModule
{
    public bool IsTraining => linear.IsTraining;

    public void SetTraining(bool training) => linear.SetTraining(training);

    public Tensor Forward(Tensor input) => linear.Forward(input);

    public Tensor Backward(Tensor gradOutput)
    {
        Tensor right = linear.Backward(gradOutput);
        int n = right.Size(0), features = right.Size(1);
        var wrong = new float[right.Length];
        for (int row = 0; row < n; row++)
        {
            for (int k = 0; k < features; k++) wrong[k * n + row] = right[row, k];
        }
        return new Tensor(wrong, n, features);
    }

    public IEnumerable<NamedParameter> NamedParameters() => linear.NamedParameters();
}
