using System.Globalization;

namespace Verification.Core.Checks;

/// <summary>
/// The argument checks of <c>nn.Conv2d</c>, with PyTorch's messages, for both stacks: the constructor's
/// (torch/nn/modules/conv.py, <c>_ConvNd.__init__</c>) and the forward's (ATen <c>Convolution.cpp</c>,
/// <c>check_shape_forward</c> and conv2d's batchify).
/// </summary>
public static class Conv2dChecks
{
    /// <summary>
    /// Positive channel counts and kernel, a positive stride and dilation, a non-negative padding, and channel counts
    /// divisible by <paramref name="groups"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or a channel count is not divisible by groups.</exception>
    public static void Arguments(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        if (kernelSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize,
                $"kernel size should be greater than zero, but got kH: {kernelSize} kW: {kernelSize}");
        }
        if (stride <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, "non-positive stride is not supported");
        }
        if (padding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "negative padding is not supported");
        }
        if (dilation <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dilation), dilation, "dilation should be greater than zero");
        }
        if (groups <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be a positive integer");
        }
        if (inChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "in_channels must be divisible by groups");
        }
        if (outChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "out_channels must be divisible by groups");
        }
        if ((long)outChannels * (inChannels / groups) * kernelSize * kernelSize > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels,
                $"a [{outChannels}, {inChannels / groups}, {kernelSize}, {kernelSize}] weight has more elements than one array can hold.");
        }
    }

    /// <summary>
    /// The input is <c>(N, C, H, W)</c> or unbatched <c>(C, H, W)</c> with C = in_channels, and the padded input is at
    /// least as large as the dilated kernel. Returns the output height and width,
    /// <c>⌊(H + 2p − d·(k − 1) − 1)/s⌋ + 1</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The rank, the channel count or the spatial size is wrong.</exception>
    public static (int Height, int Width) Input(Tensor input, int inChannels, int outChannels, int kernelSize, int stride,
        int padding, int dilation, int groups, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank != 3 && input.Rank != 4)
        {
            throw new ArgumentException(
                $"Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: {input.ShapeText}", argumentName);
        }
        int batched = input.Rank - 3;
        int channels = input.Size(batched), height = input.Size(batched + 1), width = input.Size(batched + 2);
        if (channels != inChannels)
        {
            string weight = Shapes.Format([outChannels, inChannels / groups, kernelSize, kernelSize]);
            string shown = Shapes.Format(input.Shape);
            throw new ArgumentException(
                $"Given groups={groups}, weight of size {weight}, expected input{shown} to have {inChannels} channels, " +
                $"but got {channels} channels instead", argumentName);
        }
        long effectiveKernel = (long)dilation * (kernelSize - 1) + 1;
        long paddedHeight = height + 2L * padding, paddedWidth = width + 2L * padding;
        if (paddedHeight < effectiveKernel || paddedWidth < effectiveKernel)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Calculated padded input size per channel: ({paddedHeight} x {paddedWidth}). Kernel size: " +
                $"({effectiveKernel} x {effectiveKernel}). Kernel size can't be greater than actual input size"), argumentName);
        }
        return ((int)((paddedHeight - effectiveKernel) / stride + 1), (int)((paddedWidth - effectiveKernel) / stride + 1));
    }
}
