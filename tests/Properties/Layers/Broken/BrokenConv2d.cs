using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.Layers.Broken;

/// <summary>The bug a <see cref="BrokenConv2d"/> carries.</summary>
public enum ConvBug
{
    /// <summary>
    /// Reads the kernel transposed, W[o, c, q, p] for W[o, c, p, q], in forward and backward alike. The gradient is
    /// consistent with the (wrong) forward, so centred differences cannot see it: PyTorch's output and the Reference can.
    /// </summary>
    TransposedKernel,

    /// <summary>
    /// Backward forgets the padding offset when it maps an output back to the taps it read (row = i·s + p·d instead of
    /// i·s − pad + p·d); the forward is right, so only gradients are wrong.
    /// </summary>
    BackwardWithoutPaddingOffset,
}

/// <summary>
/// A known-wrong Conv2d (the Reference's loops with one bug, see <see cref="ConvBug"/>); the initialisation is the
/// Reference's, so every difference is the bug's.
/// </summary>
public sealed class BrokenConv2d(ConvCase c, ConvBug bug) : IModule
{
    private readonly Reference.Conv2d _inner =
        new(c.InChannels, c.OutChannels, c.Kernel, new TorchGenerator(c.Seed), c.Stride, c.Padding, c.Dilation, c.Groups, c.Bias);
    private Tensor? _input;

    /// <summary>The same layer built for a golden case's parameters.</summary>
    public static BrokenConv2d For(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups,
        bool bias, ulong seed, ConvBug bug) =>
        new(new ConvCase(1, inChannels / groups, outChannels / groups, groups, kernel, stride, padding, dilation, 1, 1, bias, seed), bug);

    /// <inheritdoc/>
    public bool IsTraining => true;

    /// <inheritdoc/>
    public void SetTraining(bool training) { }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        int n = input.Size(0), height = input.Size(2), width = input.Size(3);
        int outHeight = (height + 2 * c.Padding - c.Dilation * (c.Kernel - 1) - 1) / c.Stride + 1;
        int outWidth = (width + 2 * c.Padding - c.Dilation * (c.Kernel - 1) - 1) / c.Stride + 1;
        var output = new Tensor(n, c.OutChannels, outHeight, outWidth);
        Visit(n, height, width, outHeight, outWidth, forBackward: false, (o, xIndex, wIndex, yIndex) =>
            output.Data[yIndex] += input.Data[xIndex] * _inner.Weight.Value.Data[wIndex]);
        if (_inner.Bias is not null)
        {
            for (int i = 0; i < output.Length; i++) output.Data[i] += _inner.Bias.Value.Data[i / (outHeight * outWidth) % c.OutChannels];
        }
        _input = input;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        Tensor input = _input!;
        int n = input.Size(0), height = input.Size(2), width = input.Size(3), outHeight = gradOutput.Size(2), outWidth = gradOutput.Size(3);
        var gradInput = new Tensor(input.Shape);
        Visit(n, height, width, outHeight, outWidth, forBackward: true, (o, xIndex, wIndex, yIndex) =>
        {
            gradInput.Data[xIndex] += gradOutput.Data[yIndex] * _inner.Weight.Value.Data[wIndex];
            _inner.Weight.Grad.Data[wIndex] += gradOutput.Data[yIndex] * input.Data[xIndex];
        });
        if (_inner.Bias is not null)
        {
            for (int i = 0; i < gradOutput.Length; i++) _inner.Bias.Grad.Data[i / (outHeight * outWidth) % c.OutChannels] += gradOutput.Data[i];
        }
        return gradInput;
    }

    /// <summary>Calls <paramref name="tap"/> for every (output, input tap, weight) triple the convolution multiplies, bug included.</summary>
    private void Visit(int n, int height, int width, int outHeight, int outWidth, bool forBackward, Action<int, int, int, int> tap)
    {
        int k = c.Kernel, shift = bug == ConvBug.BackwardWithoutPaddingOffset && forBackward ? 0 : c.Padding;
        for (int sample = 0; sample < n; sample++)
        for (int o = 0; o < c.OutChannels; o++)
        for (int i = 0; i < outHeight; i++)
        for (int j = 0; j < outWidth; j++)
        for (int ci = 0; ci < c.InPerGroup; ci++)
        for (int p = 0; p < k; p++)
        for (int q = 0; q < k; q++)
        {
            int row = i * c.Stride - shift + p * c.Dilation, column = j * c.Stride - shift + q * c.Dilation;
            if (row < 0 || row >= height || column < 0 || column >= width) continue;
            int inChannel = o / c.OutPerGroup * c.InPerGroup + ci;
            int xIndex = ((sample * c.InChannels + inChannel) * height + row) * width + column;
            int wIndex = bug == ConvBug.TransposedKernel
                ? ((o * c.InPerGroup + ci) * k + q) * k + p
                : ((o * c.InPerGroup + ci) * k + p) * k + q;
            tap(o, xIndex, wIndex, ((sample * c.OutChannels + o) * outHeight + i) * outWidth + j);
        }
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => _inner.NamedParameters();
}
