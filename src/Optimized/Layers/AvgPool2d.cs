using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.AvgPool2d(k, stride=k, padding=0)</c> (count_include_pad=True, ceil_mode=False) on <c>(N, C, H, W)</c> or
/// <c>(C, H, W)</c>: <c>y[n, c, i, j] = (Σ_{p, q &lt; k} x[n, c, i·s − pad + p, j·s − pad + q]) / k²</c>, padding counted as
/// zeros. Backward: every tap of a window gets <c>g / k²</c>. Each window is summed in float, row by row, as ATen's
/// <c>AvgPoolKernel.cpp</c> does, so the result is PyTorch's bit for bit; windows' bounds are clipped once per output
/// row and column, and output and gradient are kept across calls.
/// </summary>
public sealed class AvgPool2d : IModule
{
    private Tensor? _output, _gradInput;
    private int[] _inputShape = [];

    /// <summary>A pooling layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>, as in PyTorch.</summary>
    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0)
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

    /// <summary>pad: zeros added on every side (counted in the average).</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        (int outHeight, int outWidth) = Pool2dChecks.Input(input, KernelSize, Stride, Padding);
        int planes = input.Rank == 4 ? input.Size(0) * input.Size(1) : input.Size(0);
        int height = input.Size(-2), width = input.Size(-1);
        Tensor output = input.Rank == 4
            ? Buffers.Shaped(ref _output, input.Size(0), input.Size(1), outHeight, outWidth)
            : Buffers.Shaped(ref _output, input.Size(0), outHeight, outWidth);
        float[] x = input.Data, y = output.Data;
        float divisor = KernelSize * KernelSize;
        for (int plane = 0; plane < planes; plane++)
        {
            int inBase = plane * height * width, outBase = plane * outHeight * outWidth;
            for (int i = 0; i < outHeight; i++)
            {
                int rowStart = i * Stride - Padding;
                int rowFirst = Math.Max(rowStart, 0), rowEnd = Math.Min(rowStart + KernelSize, height);
                for (int j = 0; j < outWidth; j++)
                {
                    int columnStart = j * Stride - Padding;
                    int columnFirst = Math.Max(columnStart, 0), columnEnd = Math.Min(columnStart + KernelSize, width);
                    float sum = 0f;
                    for (int row = rowFirst; row < rowEnd; row++)
                    {
                        int index = inBase + row * width;
                        for (int column = columnFirst; column < columnEnd; column++) sum += x[index + column];
                    }
                    y[outBase + i * outWidth + j] = sum / divisor;
                }
            }
        }
        if (!input.HasShape(_inputShape)) _inputShape = input.Shape;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_output is null) throw new InvalidOperationException("AvgPool2d: Backward called before Forward.");
        if (!gradOutput.SameShape(_output))
        {
            throw new ArgumentException(
                $"AvgPool2d backward: expected grad_output of shape {_output.ShapeText} but got {gradOutput.ShapeText}.", nameof(gradOutput));
        }
        int planes = _inputShape.Length == 4 ? _inputShape[0] * _inputShape[1] : _inputShape[0];
        int height = _inputShape[^2], width = _inputShape[^1], outHeight = _output.Size(-2), outWidth = _output.Size(-1);
        Tensor gradInput = Buffers.Shaped(ref _gradInput, _inputShape);
        float[] g = gradOutput.Data, dx = gradInput.Data;
        Array.Clear(dx);
        float divisor = KernelSize * KernelSize;
        for (int plane = 0; plane < planes; plane++)
        {
            int inBase = plane * height * width, outBase = plane * outHeight * outWidth;
            for (int i = 0; i < outHeight; i++)
            {
                int rowStart = i * Stride - Padding;
                int rowFirst = Math.Max(rowStart, 0), rowEnd = Math.Min(rowStart + KernelSize, height);
                for (int j = 0; j < outWidth; j++)
                {
                    int columnStart = j * Stride - Padding;
                    int columnFirst = Math.Max(columnStart, 0), columnEnd = Math.Min(columnStart + KernelSize, width);
                    float share = g[outBase + i * outWidth + j] / divisor;
                    for (int row = rowFirst; row < rowEnd; row++)
                    {
                        int index = inBase + row * width;
                        for (int column = columnFirst; column < columnEnd; column++) dx[index + column] += share;
                    }
                }
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
