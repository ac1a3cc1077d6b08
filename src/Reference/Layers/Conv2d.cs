using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Conv2d(in, out, k, stride=1, padding=0, dilation=1, groups=1, bias=True)</c> (zero padding) on
/// <c>x: (N, C_in, H, W)</c> or unbatched <c>(C_in, H, W)</c>, <c>W: (C_out, C_in/groups, k, k)</c>, <c>b: (C_out)</c>:
/// <c>y[n, o, i, j] = b[o] + Σ_{c, p, q} x[n, g·C_in/groups + c, i·s − pad + p·d, j·s − pad + q·d] · W[o, c, p, q]</c>,
/// where g = o / (C_out/groups) is the output channel's group and positions outside the input read 0.
/// Output size <c>⌊(H + 2·pad − d·(k − 1) − 1)/s⌋ + 1</c>. Initialised as PyTorch does: W ~ U(±1/√fan_in) (kaiming_uniform
/// with a = √5), drawn first, then b ~ U(±1/√fan_in), with fan_in = C_in/groups·k·k.
/// </summary>
public sealed class Conv2d : IModule
{
    // What backward needs: the latest input (always viewed as batched) and whether it came unbatched.
    private Tensor? _input;
    private bool _unbatched;
    private int _outHeight, _outWidth;

    /// <summary>Creates the layer and draws its weight, then its bias, from <paramref name="generator"/>.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, TorchGenerator generator, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true)
    {
        Conv2dChecks.Arguments(inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        ArgumentNullException.ThrowIfNull(generator);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        Weight = new Parameter(new Tensor(outChannels, inChannels / groups, kernelSize, kernelSize));
        Bias = bias ? new Parameter(new Tensor(outChannels)) : null;

        // kaiming_uniform_(W, a = √5): gain = √(2/(1 + a²)), std = gain/√fan_in, bound = √3·std, in double as PyTorch.
        int fanIn = inChannels / groups * kernelSize * kernelSize;
        double a = Math.Sqrt(5.0);
        double gain = Math.Sqrt(2.0 / (1.0 + a * a));
        double weightBound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
        generator.Uniform(Weight.Value.Data, -weightBound, weightBound);
        if (Bias is not null)
        {
            double biasBound = 1.0 / Math.Sqrt(fanIn);
            generator.Uniform(Bias.Value.Data, -biasBound, biasBound);
        }
    }

    /// <summary>C_in.</summary>
    public int InChannels { get; }

    /// <summary>C_out.</summary>
    public int OutChannels { get; }

    /// <summary>k: the kernel is k×k.</summary>
    public int KernelSize { get; }

    /// <summary>s: the step between neighbouring outputs' windows, in input pixels.</summary>
    public int Stride { get; }

    /// <summary>pad: zeros added on every side of the input.</summary>
    public int Padding { get; }

    /// <summary>d: the step between a window's taps, in input pixels (1 = a dense window).</summary>
    public int Dilation { get; }

    /// <summary>groups: input and output channels are split into this many groups, each convolved alone.</summary>
    public int Groups { get; }

    /// <summary>W: (C_out, C_in/groups, k, k).</summary>
    public Parameter Weight { get; }

    /// <summary>b: (C_out); null when the layer was built with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>
    /// <c>y[n, o, i, j] = b[o] + Σ_{c, p, q} x[n, g·C_in/groups + c, i·s − pad + p·d, j·s − pad + q·d]·W[o, c, p, q]</c>.
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        (int outHeight, int outWidth) = Conv2dChecks.Input(input, InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups);
        bool unbatched = input.Rank == 3;
        Tensor x4 = unbatched ? input.Reshape(1, input.Size(0), input.Size(1), input.Size(2)) : input;
        int n = x4.Size(0), height = x4.Size(2), width = x4.Size(3);
        int inPerGroup = InChannels / Groups, outPerGroup = OutChannels / Groups, k = KernelSize;
        var output = new Tensor(n, OutChannels, outHeight, outWidth);
        float[] x = x4.Data, w = Weight.Value.Data, y = output.Data;

        for (int sample = 0; sample < n; sample++)
        {
            for (int o = 0; o < OutChannels; o++)
            {
                int group = o / outPerGroup;
                for (int i = 0; i < outHeight; i++)
                {
                    for (int j = 0; j < outWidth; j++)
                    {
                        float sum = Bias is null ? 0f : Bias.Value.Data[o];
                        for (int c = 0; c < inPerGroup; c++)
                        {
                            int inChannel = group * inPerGroup + c;
                            for (int p = 0; p < k; p++)
                            {
                                int row = i * Stride - Padding + p * Dilation;
                                if (row < 0 || row >= height) continue;
                                for (int q = 0; q < k; q++)
                                {
                                    int column = j * Stride - Padding + q * Dilation;
                                    if (column < 0 || column >= width) continue;
                                    sum += x[((sample * InChannels + inChannel) * height + row) * width + column]
                                           * w[((o * inPerGroup + c) * k + p) * k + q];
                                }
                            }
                        }
                        y[((sample * OutChannels + o) * outHeight + i) * outWidth + j] = sum;
                    }
                }
            }
        }
        _input = x4;
        _unbatched = unbatched;
        _outHeight = outHeight;
        _outWidth = outWidth;
        return unbatched ? output.Reshape(OutChannels, outHeight, outWidth) : output;
    }

    /// <summary>
    /// With the same index map as the forward (row = i·s − pad + p·d, column = j·s − pad + q·d):
    /// <c>∂x[n, c, row, column] += g[n, o, i, j]·W[o, c, p, q]</c>; adds <c>Σ_{n, i, j} g[n, o, i, j]·x[n, c, row, column]</c>
    /// to ∂W[o, c, p, q] and <c>Σ_{n, i, j} g[n, o, i, j]</c> to ∂b[o].
    /// </summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = _input ?? throw new InvalidOperationException("Conv2d: Backward called before Forward.");
        int n = input.Size(0), height = input.Size(2), width = input.Size(3);
        int[] outputShape = _unbatched ? [OutChannels, _outHeight, _outWidth] : [n, OutChannels, _outHeight, _outWidth];
        if (!gradOutput.HasShape(outputShape))
        {
            throw new ArgumentException(
                $"Conv2d backward: expected grad_output of shape {Shapes.Format(outputShape)} but got {gradOutput.ShapeText}.",
                nameof(gradOutput));
        }
        int inPerGroup = InChannels / Groups, outPerGroup = OutChannels / Groups, k = KernelSize;
        var gradInput = new Tensor(input.Shape);
        float[] x = input.Data, w = Weight.Value.Data, g = gradOutput.Data, dx = gradInput.Data, dw = Weight.Grad.Data;

        // ∂x[n, c, row, column] += g[n, o, i, j]·W[o, c, p, q], scattered from every output to the taps it read.
        // ∂W[o, c, p, q] += g[n, o, i, j]·x[n, c, row, column] over every output that read that tap.
        for (int sample = 0; sample < n; sample++)
        {
            for (int o = 0; o < OutChannels; o++)
            {
                int group = o / outPerGroup;
                for (int i = 0; i < _outHeight; i++)
                {
                    for (int j = 0; j < _outWidth; j++)
                    {
                        float upstream = g[((sample * OutChannels + o) * _outHeight + i) * _outWidth + j];
                        for (int c = 0; c < inPerGroup; c++)
                        {
                            int inChannel = group * inPerGroup + c;
                            for (int p = 0; p < k; p++)
                            {
                                int row = i * Stride - Padding + p * Dilation;
                                if (row < 0 || row >= height) continue;
                                for (int q = 0; q < k; q++)
                                {
                                    int column = j * Stride - Padding + q * Dilation;
                                    if (column < 0 || column >= width) continue;
                                    int xIndex = ((sample * InChannels + inChannel) * height + row) * width + column;
                                    int wIndex = ((o * inPerGroup + c) * k + p) * k + q;
                                    dx[xIndex] += upstream * w[wIndex];
                                    dw[wIndex] += upstream * x[xIndex];
                                }
                            }
                        }
                    }
                }
            }
        }

        // ∂b[o] += Σ_{n, i, j} g[n, o, i, j]
        if (Bias is not null)
        {
            int plane = _outHeight * _outWidth;
            for (int o = 0; o < OutChannels; o++)
            {
                float sum = 0f;
                for (int sample = 0; sample < n; sample++)
                {
                    for (int t = 0; t < plane; t++) sum += g[(sample * OutChannels + o) * plane + t];
                }
                Bias.Grad.Data[o] += sum;
            }
        }
        return _unbatched ? gradInput.Reshape(InChannels, height, width) : gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", Weight);
        if (Bias is not null)
        {
            yield return new NamedParameter("bias", Bias);
        }
    }
}
