using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.Conv2d(in, out, k, stride=1, padding=0, dilation=1, groups=1, bias=True)</c> (zero padding) on
/// <c>x: (N, C_in, H, W)</c> or unbatched <c>(C_in, H, W)</c>, <c>W: (C_out, C_in/groups, k, k)</c>, <c>b: (C_out)</c>:
/// <c>y[n, o, i, j] = b[o] + Σ_{c, p, q} x[n, g·C_in/groups + c, i·s − pad + p·d, j·s − pad + q·d]·W[o, c, p, q]</c>.
/// Initialisation as PyTorch: W ~ U(±1/√fan_in), then b ~ U(±1/√fan_in), fan_in = C_in/groups·k·k.
/// <para>
/// Per sample and group, the input is packed by <see cref="Im2Col"/> into cols (C_in/groups·k·k × H_out·W_out) and every
/// product runs on <see cref="Gemm"/>: <c>y_g = W_g·cols</c>, <c>∂W_g += g_g·colsᵀ</c>, <c>∂cols = W_gᵀ·g_g</c> (then added
/// back to the pixels by <see cref="Im2Col.ColumnsToImage"/>). A 1×1 kernel with stride 1 and no padding multiplies the
/// input itself. The column matrices and outputs are kept across calls, so steady training allocates nothing.
/// </para>
/// </summary>
public sealed class Conv2d : IModule
{
    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private float[]? _columns, _gradColumns, _transposedColumns;
    private Tensor? _input, _output, _gradInput;
    private Im2Col.Geometry _geometry;

    /// <summary>A layer with PyTorch's initialisation, drawn from <paramref name="generator"/>.</summary>
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
        // kaiming_uniform_(a=√5) in double as PyTorch's Python computes it (see Linear), then the bias's 1/√fan_in.
        int fanIn = inChannels / groups * kernelSize * kernelSize;
        double a = Math.Sqrt(5.0);
        double gain = Math.Sqrt(2.0 / (1.0 + a * a));
        double bound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
        var w = new Tensor(outChannels, inChannels / groups, kernelSize, kernelSize);
        UniformInit(generator, w.Data, bound);
        _weight = new Parameter(w);
        if (bias)
        {
            var b = new Tensor(outChannels);
            UniformInit(generator, b.Data, 1.0 / Math.Sqrt(fanIn));
            _bias = new Parameter(b);
        }
    }

    /// <summary><c>uniform_(−bound, bound)</c> with <see cref="TorchGenerator.Uniform"/>'s roundings, on the vectorised engine.</summary>
    private static void UniformInit(TorchGenerator generator, Span<float> destination, double bound)
    {
        float lo = (float)-bound;
        FastMersenneTwister.Uniform(generator.Engine, destination, lo, (float)bound - lo);
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
    public Parameter Weight => _weight;

    /// <summary>b: (C_out); null when the layer was built with <c>bias: false</c>.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>True when cols is the input itself (1×1 kernel, stride 1, no padding): no packing needed.</summary>
    private bool IsPointwise => KernelSize == 1 && Stride == 1 && Padding == 0;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        (int outHeight, int outWidth) = Conv2dChecks.Input(input, InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups);
        int batched = input.Rank - 3;
        int n = batched == 1 ? input.Size(0) : 1, height = input.Size(batched + 1), width = input.Size(batched + 2);
        int inPerGroup = InChannels / Groups, outPerGroup = OutChannels / Groups;
        var g = new Im2Col.Geometry(inPerGroup, height, width, KernelSize, Stride, Padding, Dilation, outHeight, outWidth);
        Tensor output = batched == 1
            ? Buffers.Shaped(ref _output, n, OutChannels, outHeight, outWidth)
            : Buffers.Shaped(ref _output, OutChannels, outHeight, outWidth);
        float[] x = input.Data, y = output.Data, w = _weight.Value.Data;
        int plane = g.Columns, inImage = inPerGroup * height * width, weightRows = outPerGroup * g.Rows;
        float[] columns = IsPointwise ? [] : Buffers.Array(ref _columns, g.Rows * plane);

        for (int sample = 0; sample < n; sample++)
        {
            for (int group = 0; group < Groups; group++)
            {
                ReadOnlySpan<float> image = x.AsSpan((sample * Groups + group) * inImage, inImage);
                if (!IsPointwise) Im2Col.ImageToColumns(image, columns, g);
                Span<float> target = y.AsSpan((sample * OutChannels + group * outPerGroup) * plane, outPerGroup * plane);
                if (_bias is not null)
                {
                    for (int o = 0; o < outPerGroup; o++) target.Slice(o * plane, plane).Fill(_bias.Value.Data[group * outPerGroup + o]);
                }
                Gemm.MultiplyNN(w.AsSpan(group * weightRows, weightRows), IsPointwise ? image : columns, target,
                    outPerGroup, g.Rows, plane, accumulate: _bias is not null);
            }
        }
        _input = input;
        _geometry = g;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_input is null || _output is null) throw new InvalidOperationException("Conv2d: Backward called before Forward.");
        if (!gradOutput.SameShape(_output))
        {
            throw new ArgumentException(
                $"Conv2d backward: expected grad_output of shape {_output.ShapeText} but got {gradOutput.ShapeText}.", nameof(gradOutput));
        }
        Im2Col.Geometry geometry = _geometry;
        int n = _input.Rank == 4 ? _input.Size(0) : 1;
        int outPerGroup = OutChannels / Groups, plane = geometry.Columns, rows = geometry.Rows;
        int inImage = geometry.Channels * geometry.Height * geometry.Width, weightRows = outPerGroup * rows;
        Tensor gradInput = Buffers.Like(ref _gradInput, _input);
        Array.Clear(gradInput.Data);
        float[] x = _input.Data, g = gradOutput.Data, w = _weight.Value.Data, dw = _weight.Grad.Data, dx = gradInput.Data;
        float[] columns = IsPointwise ? [] : Buffers.Array(ref _columns, rows * plane);
        float[] gradColumns = IsPointwise ? [] : Buffers.Array(ref _gradColumns, rows * plane);
        float[] transposed = Gemm.NeedsTransposedCopy(outPerGroup, rows) ? Buffers.Array(ref _transposedColumns, rows * plane) : [];

        for (int sample = 0; sample < n; sample++)
        {
            for (int group = 0; group < Groups; group++)
            {
                ReadOnlySpan<float> image = x.AsSpan((sample * Groups + group) * inImage, inImage);
                ReadOnlySpan<float> upstream = g.AsSpan((sample * OutChannels + group * outPerGroup) * plane, outPerGroup * plane);
                ReadOnlySpan<float> weight = w.AsSpan(group * weightRows, weightRows);
                if (!IsPointwise) Im2Col.ImageToColumns(image, columns, geometry);

                // ∂W_g (out/g × rows) += g_g (out/g × plane) · colsᵀ, cols stored (rows × plane).
                Gemm.MultiplyNT(upstream, IsPointwise ? image : columns, dw.AsSpan(group * weightRows, weightRows),
                    outPerGroup, plane, rows, accumulate: true, transposed);

                // ∂cols (rows × plane) = W_gᵀ · g_g, W_g stored (out/g × rows); then back onto the pixels it was read from.
                Span<float> pixels = dx.AsSpan((sample * Groups + group) * inImage, inImage);
                if (IsPointwise)
                {
                    Gemm.MultiplyTN(weight, upstream, pixels, rows, outPerGroup, plane, accumulate: false);
                }
                else
                {
                    Gemm.MultiplyTN(weight, upstream, gradColumns, rows, outPerGroup, plane, accumulate: false);
                    Im2Col.ColumnsToImage(gradColumns, pixels, geometry);
                }
            }
        }

        // ∂b[o] += Σ_{n, i, j} g[n, o, i, j]
        if (_bias is not null)
        {
            float[] db = _bias.Grad.Data;
            for (int sample = 0; sample < n; sample++)
            {
                for (int o = 0; o < OutChannels; o++)
                {
                    db[o] += TensorPrimitives.Sum(g.AsSpan((sample * OutChannels + o) * plane, plane));
                }
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", _weight);
        if (_bias is not null)
        {
            yield return new NamedParameter("bias", _bias);
        }
    }
}
