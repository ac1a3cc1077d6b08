using Verification.Core;
using Verification.Reference;

namespace Verification.Properties.Layers.Broken;

/// <summary>
/// BUG: updates running_var with the biased batch variance σ² (÷N) instead of the unbiased N/(N − 1)·σ² PyTorch uses,
/// so eval-mode outputs of a model trained on small batches are scaled wrongly. Forward output and gradients are right.
/// Built on the Reference layer: after each training step the running variance is recomputed with the wrong divisor.
/// </summary>
public sealed class BatchNormWithBiasedRunningVariance(int numFeatures, double eps = 1e-5, double momentum = 0.1) : IModule
{
    private readonly BatchNorm1d _inner = new(numFeatures, eps, momentum);

    public bool IsTraining => _inner.IsTraining;
    public void SetTraining(bool training) => _inner.SetTraining(training);
    public Tensor Backward(Tensor gradOutput) => _inner.Backward(gradOutput);
    public IEnumerable<NamedParameter> NamedParameters() => _inner.NamedParameters();
    public IEnumerable<NamedBuffer> NamedBuffers() => _inner.NamedBuffers();

    public Tensor Forward(Tensor input)
    {
        float[] before = (float[])_inner.RunningVar.Data.Clone();
        Tensor y = _inner.Forward(input);
        if (IsTraining)
        {
            int n = input.Size(0), c = numFeatures;
            for (int f = 0; f < c; f++)
            {
                double mean = 0, squares = 0;
                for (int row = 0; row < n; row++) mean += input[row, f];
                mean /= n;
                for (int row = 0; row < n; row++) squares += (input[row, f] - mean) * (input[row, f] - mean);
                _inner.RunningVar.Data[f] = (float)(momentum * (squares / n) + (1 - momentum) * before[f]); // ÷N: the bug
            }
        }
        return y;
    }
}
