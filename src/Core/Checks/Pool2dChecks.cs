namespace Verification.Core.Checks;

/// <summary>
/// The argument checks of <c>nn.MaxPool2d</c> and <c>nn.AvgPool2d</c>, with PyTorch's messages (ATen <c>Pool.h</c>:
/// <c>pooling_output_shape</c> and <c>pool2d_shape_check</c>), for both stacks. PyTorch checks the hyper-parameters at the
/// first forward; here the constructor does, so a bad layer is never built.
/// </summary>
public static class Pool2dChecks
{
    /// <summary>A positive kernel and stride, and a padding in [0, ⌊k/2⌋] (dilation 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">One of them is out of range.</exception>
    public static void Arguments(int kernelSize, int stride, int padding)
    {
        if (kernelSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize,
                $"kernel size should be greater than zero, but got kH: {kernelSize} kW: {kernelSize}");
        }
        if (stride <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride,
                $"stride should be greater than zero, but got dH: {stride} dW: {stride}");
        }
        if (padding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"pad must be non-negative, but got pad: {padding}");
        }
        if (padding > kernelSize / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(padding), padding,
                $"pad should be at most half of effective kernel size, but got pad={padding}, kernel_size={kernelSize} and dilation=1");
        }
    }

    /// <summary>
    /// The input is a non-empty <c>(N, C, H, W)</c> or <c>(C, H, W)</c> and the output at least 1×1. Returns the output
    /// height and width, <c>⌊(H + 2p − k)/s⌋ + 1</c> (ceil_mode=False).
    /// </summary>
    /// <exception cref="ArgumentException">The rank is wrong, a dimension is empty, or the output would be empty.</exception>
    public static (int Height, int Width) Input(Tensor input, int kernelSize, int stride, int padding, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if ((input.Rank != 3 && input.Rank != 4) || input.Length == 0)
        {
            throw new ArgumentException(
                $"Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:{input.ShapeText}", argumentName);
        }
        int batched = input.Rank - 3;
        int channels = input.Size(batched), height = input.Size(batched + 1), width = input.Size(batched + 2);
        // ATen rounds the division towards −∞ (div_rtn), so a kernel larger than the padded input gives 0, not 1.
        int outHeight = (int)Math.Floor((height + 2.0 * padding - kernelSize) / stride) + 1;
        int outWidth = (int)Math.Floor((width + 2.0 * padding - kernelSize) / stride) + 1;
        if (outHeight < 1 || outWidth < 1)
        {
            throw new ArgumentException(
                $"Given input size: ({channels}x{height}x{width}). Calculated output size: ({channels}x{outHeight}x{outWidth}). " +
                "Output size is too small", argumentName);
        }
        return (outHeight, outWidth);
    }
}
