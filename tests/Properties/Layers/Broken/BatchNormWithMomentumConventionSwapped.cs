using Verification.Core;
using Verification.Reference;

namespace Verification.Properties.Layers.Broken;

/// <summary>
/// BUG: uses Keras's momentum convention with PyTorch's number: <c>r ← m·r + (1 − m)·batch</c> instead of
/// <c>r ← (1 − m)·r + m·batch</c>, so with m = 0.1 the running statistics chase each batch almost entirely.
/// Forward output and gradients are right. Built on the Reference layer: after each training step both running
/// statistics are recomputed with the swapped weights.
/// </summary>
public sealed class BatchNormWithMomentumConventionSwapped(int numFeatures, double eps = 1e-5, double momentum = 0.1) : IModule
{
    private readonly BatchNorm1d _inner = new(numFeatures, eps, momentum);

    public bool IsTraining => _inner.IsTraining;
    public void SetTraining(bool training) => _inner.SetTraining(training);
    public Tensor Backward(Tensor gradOutput) => _inner.Backward(gradOutput);
    public IEnumerable<NamedParameter> NamedParameters() => _inner.NamedParameters();
    public IEnumerable<NamedBuffer> NamedBuffers() => _inner.NamedBuffers();

    public Tensor Forward(Tensor input)
    {
        float[] meanBefore = (float[])_inner.RunningMean.Data.Clone(), varBefore = (float[])_inner.RunningVar.Data.Clone();
        Tensor y = _inner.Forward(input);
        if (IsTraining)
        {
            int n = input.Size(0);
            for (int f = 0; f < numFeatures; f++)
            {
                double mean = 0, squares = 0;
                for (int row = 0; row < n; row++) mean += input[row, f];
                mean /= n;
                for (int row = 0; row < n; row++) squares += (input[row, f] - mean) * (input[row, f] - mean);
                _inner.RunningMean.Data[f] = (float)(momentum * meanBefore[f] + (1 - momentum) * mean);              // the bug
                _inner.RunningVar.Data[f] = (float)(momentum * varBefore[f] + (1 - momentum) * squares / (n - 1));   // the bug
            }
        }
        return y;
    }
}
