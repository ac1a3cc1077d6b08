using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.MaxPool2d(k, stride=k, padding=0)</c> on <c>(N, C, H, W)</c> or <c>(C, H, W)</c>:
/// <c>y[n, c, i, j] = max_{p, q &lt; k} x[n, c, i·s − pad + p, j·s − pad + q]</c> over the taps inside the input, the first
/// maximum in row-major scan order winning (a NaN wins and stays), as ATen's <c>MaxPoolKernel.cpp</c>. Backward adds each
/// <c>g</c> to its window's winning tap, in output order. The window bounds are clipped once per output row and column
/// (no per-tap bounds test); output, winners and gradient are kept across calls.
/// </summary>
public sealed class MaxPool2d : IModule
{
    private Tensor? _output, _gradInput;
    private int[]? _argmax;
    private int[] _inputShape = [];

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

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        (int outHeight, int outWidth) = Pool2dChecks.Input(input, KernelSize, Stride, Padding);
        int planes = input.Rank == 4 ? input.Size(0) * input.Size(1) : input.Size(0);
        int height = input.Size(-2), width = input.Size(-1);
        Tensor output = input.Rank == 4
            ? Buffers.Shaped(ref _output, input.Size(0), input.Size(1), outHeight, outWidth)
            : Buffers.Shaped(ref _output, input.Size(0), outHeight, outWidth);
        int[] argmax = Buffers.Array(ref _argmax, output.Length);
        float[] x = input.Data, y = output.Data;
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
                    int best = inBase + rowFirst * width + columnFirst;
                    float max = float.NegativeInfinity;
                    for (int row = rowFirst; row < rowEnd; row++)
                    {
                        int index = inBase + row * width + columnFirst;
                        for (int column = columnFirst; column < columnEnd; column++, index++)
                        {
                            float value = x[index];
                            if (value > max || float.IsNaN(value))
                            {
                                max = value;
                                best = index;
                            }
                        }
                    }
                    y[outBase + i * outWidth + j] = x[best];
                    argmax[outBase + i * outWidth + j] = best;
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
        if (_output is null || _argmax is null) throw new InvalidOperationException("MaxPool2d: Backward called before Forward.");
        if (!gradOutput.SameShape(_output))
        {
            throw new ArgumentException(
                $"MaxPool2d backward: expected grad_output of shape {_output.ShapeText} but got {gradOutput.ShapeText}.", nameof(gradOutput));
        }
        Tensor gradInput = Buffers.Shaped(ref _gradInput, _inputShape);
        float[] dx = gradInput.Data, g = gradOutput.Data;
        int[] argmax = _argmax;
        Array.Clear(dx);
        for (int o = 0; o < g.Length; o++)
        {
            dx[argmax[o]] += g[o];
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
