using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.MaxPool2d(k, stride=k, padding=0)</c> on <c>x: (N, C, H, W)</c> or <c>(C, H, W)</c>:
/// <c>y[n, c, i, j] = max_{p, q &lt; k} x[n, c, i·s − pad + p, j·s − pad + q]</c> over the taps inside the input (padding
/// is never the maximum). Output size <c>⌊(H + 2·pad − k)/s⌋ + 1</c>. Taps are scanned row by row and the first
/// maximum wins (ATen <c>MaxPoolKernel.cpp</c>: <c>val &gt; maxval || isnan(val)</c>, so a NaN wins and stays).
/// Backward routes each <c>g[n, c, i, j]</c> to that one tap: <c>∂x[argmax] += g</c>.
/// </summary>
public sealed class MaxPool2d : IModule
{
    // What backward needs: the input's shape, whether it came unbatched, and where each output's maximum was.
    private int[] _inputShape = [];
    private int[] _outputShape = [];
    private int[] _argmax = [];

    /// <summary>A pooling layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>, as in PyTorch.</summary>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0)
    {
        Pool2dChecks.Arguments(kernelSize, stride ?? kernelSize, padding);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
    }

    /// <summary>k: the window is k×k.</summary>
    public int KernelSize { get; }

    /// <summary>s: the step between neighbouring windows.</summary>
    public int Stride { get; }

    /// <summary>pad: implicit −∞ added on every side (never chosen).</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y[n, c, i, j] = max_{p, q} x[n, c, i·s − pad + p, j·s − pad + q]</c>, the first maximum in scan order.</summary>
    public Tensor Forward(Tensor input)
    {
        (int outHeight, int outWidth) = Pool2dChecks.Input(input, KernelSize, Stride, Padding);
        int planes = input.Rank == 4 ? input.Size(0) * input.Size(1) : input.Size(0);
        int height = input.Size(-2), width = input.Size(-1);
        int[] outputShape = input.Shape;
        outputShape[^2] = outHeight;
        outputShape[^1] = outWidth;
        var output = new Tensor(outputShape);
        var argmax = new int[output.Length];
        float[] x = input.Data, y = output.Data;

        for (int plane = 0; plane < planes; plane++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    int firstRow = Math.Max(i * Stride - Padding, 0), firstColumn = Math.Max(j * Stride - Padding, 0);
                    int best = (plane * height + firstRow) * width + firstColumn;
                    float max = float.NegativeInfinity;
                    for (int row = firstRow; row < Math.Min(i * Stride - Padding + KernelSize, height); row++)
                    {
                        for (int column = firstColumn; column < Math.Min(j * Stride - Padding + KernelSize, width); column++)
                        {
                            int index = (plane * height + row) * width + column;
                            if (x[index] > max || float.IsNaN(x[index]))
                            {
                                max = x[index];
                                best = index;
                            }
                        }
                    }
                    int outIndex = (plane * outHeight + i) * outWidth + j;
                    y[outIndex] = x[best];
                    argmax[outIndex] = best;
                }
            }
        }
        _inputShape = input.Shape;
        _outputShape = outputShape;
        _argmax = argmax;
        return output;
    }

    /// <summary><c>∂x[argmax(n, c, i, j)] += g[n, c, i, j]</c>, in output order; every other input gets 0.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_inputShape.Length == 0) throw new InvalidOperationException("MaxPool2d: Backward called before Forward.");
        if (!gradOutput.HasShape(_outputShape))
        {
            throw new ArgumentException(
                $"MaxPool2d backward: expected grad_output of shape {Shapes.Format(_outputShape)} but got {gradOutput.ShapeText}.",
                nameof(gradOutput));
        }
        var gradInput = new Tensor(_inputShape);
        for (int o = 0; o < _argmax.Length; o++)
        {
            gradInput.Data[_argmax[o]] += gradOutput.Data[o];
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
