using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.AvgPool2d(k, stride=k, padding=0)</c> with PyTorch's defaults (count_include_pad=True, ceil_mode=False) on
/// <c>x: (N, C, H, W)</c> or <c>(C, H, W)</c>: <c>y[n, c, i, j] = (Σ_{p, q &lt; k} x[n, c, i·s − pad + p, j·s − pad + q]) / k²</c>,
/// padding counted as zeros (the divisor is always k² without ceil_mode). Output size <c>⌊(H + 2·pad − k)/s⌋ + 1</c>.
/// Backward: every tap of a window gets <c>g[n, c, i, j] / k²</c> (ATen <c>AvgPoolKernel.cpp</c>: sum, then divide).
/// </summary>
public sealed class AvgPool2d : IModule
{
    // What backward needs: the input's and output's shapes.
    private int[] _inputShape = [];
    private int[] _outputShape = [];

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

    /// <summary><c>y[n, c, i, j] = Σ_{p, q} x[n, c, i·s − pad + p, j·s − pad + q] / k²</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        (int outHeight, int outWidth) = Pool2dChecks.Input(input, KernelSize, Stride, Padding);
        int planes = input.Rank == 4 ? input.Size(0) * input.Size(1) : input.Size(0);
        int height = input.Size(-2), width = input.Size(-1);
        int[] outputShape = input.Shape;
        outputShape[^2] = outHeight;
        outputShape[^1] = outWidth;
        var output = new Tensor(outputShape);
        float[] x = input.Data, y = output.Data;
        float divisor = KernelSize * KernelSize;

        for (int plane = 0; plane < planes; plane++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    float sum = 0f;
                    for (int row = Math.Max(i * Stride - Padding, 0); row < Math.Min(i * Stride - Padding + KernelSize, height); row++)
                    {
                        for (int column = Math.Max(j * Stride - Padding, 0); column < Math.Min(j * Stride - Padding + KernelSize, width); column++)
                        {
                            sum += x[(plane * height + row) * width + column];
                        }
                    }
                    y[(plane * outHeight + i) * outWidth + j] = sum / divisor;
                }
            }
        }
        _inputShape = input.Shape;
        _outputShape = outputShape;
        return output;
    }

    /// <summary><c>∂x[n, c, i·s − pad + p, j·s − pad + q] += g[n, c, i, j] / k²</c> for every tap inside the input.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_inputShape.Length == 0) throw new InvalidOperationException("AvgPool2d: Backward called before Forward.");
        if (!gradOutput.HasShape(_outputShape))
        {
            throw new ArgumentException(
                $"AvgPool2d backward: expected grad_output of shape {Shapes.Format(_outputShape)} but got {gradOutput.ShapeText}.",
                nameof(gradOutput));
        }
        int planes = _inputShape.Length == 4 ? _inputShape[0] * _inputShape[1] : _inputShape[0];
        int height = _inputShape[^2], width = _inputShape[^1], outHeight = _outputShape[^2], outWidth = _outputShape[^1];
        var gradInput = new Tensor(_inputShape);
        float[] g = gradOutput.Data, dx = gradInput.Data;
        float divisor = KernelSize * KernelSize;

        for (int plane = 0; plane < planes; plane++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    float share = g[(plane * outHeight + i) * outWidth + j] / divisor;
                    for (int row = Math.Max(i * Stride - Padding, 0); row < Math.Min(i * Stride - Padding + KernelSize, height); row++)
                    {
                        for (int column = Math.Max(j * Stride - Padding, 0); column < Math.Min(j * Stride - Padding + KernelSize, width); column++)
                        {
                            dx[(plane * height + row) * width + column] += share;
                        }
                    }
                }
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
