using Verification.Core;

namespace Verification.Properties.Layers.Broken;

/// <summary>
/// Bug: scans each window with <c>≥</c> instead of <c>&gt;</c>, so among equal maxima the LAST tap wins and gets the
/// gradient, where PyTorch's kernel keeps the first. The forward values are the same; only tied windows' gradients move.
/// </summary>
public sealed class MaxPool2dRoutingTiesToTheLastMaximum(int kernel, int stride, int padding) : IModule
{
    private int[] _inputShape = [];
    private int[] _argmax = [];

    /// <inheritdoc/>
    public bool IsTraining => true;

    /// <inheritdoc/>
    public void SetTraining(bool training) { }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        int planes = input.Length / (input.Size(-2) * input.Size(-1)), height = input.Size(-2), width = input.Size(-1);
        int outHeight = (height + 2 * padding - kernel) / stride + 1, outWidth = (width + 2 * padding - kernel) / stride + 1;
        int[] shape = input.Shape;
        shape[^2] = outHeight;
        shape[^1] = outWidth;
        var output = new Tensor(shape);
        _argmax = new int[output.Length];
        for (int plane = 0; plane < planes; plane++)
        for (int i = 0; i < outHeight; i++)
        for (int j = 0; j < outWidth; j++)
        {
            float max = float.NegativeInfinity;
            int best = -1;
            for (int row = Math.Max(i * stride - padding, 0); row < Math.Min(i * stride - padding + kernel, height); row++)
            for (int column = Math.Max(j * stride - padding, 0); column < Math.Min(j * stride - padding + kernel, width); column++)
            {
                int index = (plane * height + row) * width + column;
                if (input.Data[index] >= max)
                {
                    max = input.Data[index];
                    best = index;
                }
            }
            int o = (plane * outHeight + i) * outWidth + j;
            output.Data[o] = max;
            _argmax[o] = best;
        }
        _inputShape = input.Shape;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        var gradInput = new Tensor(_inputShape);
        for (int o = 0; o < _argmax.Length; o++) gradInput.Data[_argmax[o]] += gradOutput.Data[o];
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
