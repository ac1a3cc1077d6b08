using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Verification.Optimized;

/// <summary>
/// The packing that turns a convolution into one matrix product (Chellapilla et al., 2006, "High Performance
/// Convolutional Neural Networks for Document Processing"; ATen's <c>Unfold2d.cpp</c> does the same):
/// for one sample and one group of C channels, <c>cols[(c·k + p)·k + q, i·W_out + j] = x[c, i·s − pad + p·d, j·s − pad + q·d]</c>
/// (0 outside the input), a (C·k·k) × (H_out·W_out) matrix, so that <c>y = W · cols</c> with W viewed as (C_out, C·k·k).
/// <see cref="ColumnsToImage"/> is its adjoint: it adds every column entry back to the pixel it was read from.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// Writes the (C·k·k) × (H_out·W_out) matrix of <paramref name="image"/>'s (C, H, W) channels into <paramref name="columns"/>.
    /// </summary>
    public static void ImageToColumns(ReadOnlySpan<float> image, Span<float> columns, in Geometry g)
    {
        int plane = g.OutHeight * g.OutWidth;
        for (int c = 0; c < g.Channels; c++)
        {
            ReadOnlySpan<float> channel = image.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (int p = 0; p < g.Kernel; p++)
            {
                for (int q = 0; q < g.Kernel; q++)
                {
                    Span<float> row = columns.Slice(((c * g.Kernel + p) * g.Kernel + q) * plane, plane);
                    (int jFirst, int jEnd) = g.ValidOutputColumns(q);
                    for (int i = 0; i < g.OutHeight; i++)
                    {
                        Span<float> outputRow = row.Slice(i * g.OutWidth, g.OutWidth);
                        int inputRow = i * g.Stride - g.Padding + p * g.Dilation;
                        bool inside = inputRow >= 0 && inputRow < g.Height && jFirst < jEnd;
                        int firstColumn = jFirst * g.Stride - g.Padding + q * g.Dilation;
                        if (g.OutWidth <= ShortRow)
                        {
                            ShortRowToColumns(inside ? channel.Slice(inputRow * g.Width) : default, outputRow, inside ? jFirst : 0,
                                inside ? jEnd : 0, firstColumn, g.Stride);
                            continue;
                        }
                        if (!inside)
                        {
                            outputRow.Clear();
                            continue;
                        }
                        outputRow[..jFirst].Clear();
                        outputRow[jEnd..].Clear();
                        ReadOnlySpan<float> source = channel.Slice(inputRow * g.Width);
                        if (g.Stride == 1)
                        {
                            source.Slice(firstColumn, jEnd - jFirst).CopyTo(outputRow[jFirst..jEnd]);
                        }
                        else
                        {
                            for (int j = jFirst, column = firstColumn; j < jEnd; j++, column += g.Stride)
                            {
                                outputRow[j] = source[column];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Output rows at most this wide are written element by element: a span's Clear or CopyTo costs a call, and the
    /// digits CNN's 8- and 4-wide rows (with a one-element clear at each padded edge) made those calls a fifth of its epoch.
    /// </summary>
    private const int ShortRow = 16;

    /// <summary>One short output row: zeros outside [<paramref name="jFirst"/>, <paramref name="jEnd"/>), the taps inside.</summary>
    private static void ShortRowToColumns(ReadOnlySpan<float> source, Span<float> outputRow, int jFirst, int jEnd, int firstColumn, int stride)
    {
        int j = 0;
        for (; j < jFirst; j++) outputRow[j] = 0f;
        for (int column = firstColumn; j < jEnd; j++, column += stride) outputRow[j] = source[column];
        for (; j < outputRow.Length; j++) outputRow[j] = 0f;
    }

    /// <summary>
    /// The adjoint of <see cref="ImageToColumns"/>:
    /// <c>image[c, i·s − pad + p·d, j·s − pad + q·d] += columns[(c·k + p)·k + q, i·W_out + j]</c>
    /// for every entry that was read from inside the image.
    /// </summary>
    public static void ColumnsToImage(ReadOnlySpan<float> columns, Span<float> image, in Geometry g)
    {
        int plane = g.OutHeight * g.OutWidth;
        for (int c = 0; c < g.Channels; c++)
        {
            Span<float> channel = image.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (int p = 0; p < g.Kernel; p++)
            {
                for (int q = 0; q < g.Kernel; q++)
                {
                    ReadOnlySpan<float> row = columns.Slice(((c * g.Kernel + p) * g.Kernel + q) * plane, plane);
                    (int jFirst, int jEnd) = g.ValidOutputColumns(q);
                    for (int i = 0; i < g.OutHeight; i++)
                    {
                        int inputRow = i * g.Stride - g.Padding + p * g.Dilation;
                        if (inputRow < 0 || inputRow >= g.Height || jFirst >= jEnd) continue;
                        Span<float> target = channel.Slice(inputRow * g.Width);
                        int firstColumn = jFirst * g.Stride - g.Padding + q * g.Dilation;
                        if (g.Stride == 1 && g.OutWidth > ShortRow)
                        {
                            Span<float> pixels = target.Slice(firstColumn, jEnd - jFirst);
                            TensorPrimitives.Add(pixels, row.Slice(i * g.OutWidth + jFirst, jEnd - jFirst), pixels);
                            continue;
                        }
                        for (int j = jFirst, column = firstColumn; j < jEnd; j++, column += g.Stride)
                        {
                            target[column] += row[i * g.OutWidth + j];
                        }
                    }
                }
            }
        }
    }

    /// <summary>The sizes of one packing: C channels of H×W, a k×k kernel with stride, padding and dilation, H_out×W_out outputs.</summary>
    public readonly record struct Geometry(int Channels, int Height, int Width, int Kernel, int Stride, int Padding, int Dilation,
        int OutHeight, int OutWidth)
    {
        /// <summary>Rows of the column matrix: C·k·k.</summary>
        public int Rows => Channels * Kernel * Kernel;

        /// <summary>Columns of the column matrix: H_out·W_out.</summary>
        public int Columns => OutHeight * OutWidth;

        /// <summary>The output columns j in [first, end) whose tap q reads inside the image: 0 ≤ j·s − pad + q·d &lt; W.</summary>
        public (int First, int End) ValidOutputColumns(int q)
        {
            int offset = q * Dilation - Padding;
            int first = offset >= 0 ? 0 : (-offset + Stride - 1) / Stride;
            int end = Width - offset <= 0 ? 0 : Math.Min(OutWidth, (Width - offset - 1) / Stride + 1);
            return (Math.Min(first, end), end);
        }
    }
}
