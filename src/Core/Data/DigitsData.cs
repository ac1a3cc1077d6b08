using System.Globalization;
using System.IO.Compression;

namespace Verification.Core.Data;

/// <summary>
/// The digits split as cnn_digits.json uses it: images <c>(1000, 1, 8, 8)</c> and <c>(797, 1, 8, 8)</c> (pixel counts
/// / 16, so in [0, 1]), labels <c>(1000)</c> and <c>(797)</c> as class indices stored in floats.
/// </summary>
public sealed record DigitsDataset(Tensor TrainImages, Tensor TrainLabels, Tensor ValidationImages, Tensor ValidationLabels);

/// <summary>
/// The 8×8 handwritten digits: the test set of UCI's "Optical Recognition of Handwritten Digits" (Alpaydin and Kaynak,
/// 1998; CC BY 4.0) as scikit-learn ships it, 1,797 rows of 64 pixel counts (0–16, row-major 8×8) and the digit. The
/// file (Data/Digits/digits.csv.gz, with its source and licence note beside it) is embedded in this assembly, so
/// loading needs no network and nothing outside the project. Images are <c>(N, 1, 8, 8)</c> floats, pixels / 16, as
/// <c>torch.tensor(rows[:, :64], dtype=float32).reshape(-1, 1, 8, 8) / 16</c> gives them (exact: 16 is a power of two).
/// </summary>
public static class DigitsData
{
    /// <summary>Rows in the file, the training rows (0–999; validation 1000–1796), the image side and the classes.</summary>
    public const int Count = 1797, TrainCount = 1000, Side = 8, Pixels = Side * Side, Classes = 10;

    /// <summary>The largest pixel count (a 4×4 block of the 32×32 bitmap holds at most 16 set bits).</summary>
    public const int MaxCount = 16;

    private const string ResourceName = "Verification.Core.Data.Digits.digits.csv.gz";
    private static readonly Lazy<(byte[] Pixels, byte[] Labels)> Rows = new(Read);

    /// <summary>All 1,797 images <c>(1797, 1, 8, 8)</c> and labels <c>(1797)</c>, in file order; fresh tensors on every call.</summary>
    public static (Tensor Images, Tensor Labels) LoadAll() => Slice(0, Count);

    /// <summary>The split cnn_digits.json uses: rows 0–999 train, rows 1000–1796 validate.</summary>
    public static DigitsDataset Load()
    {
        var (trainImages, trainLabels) = Slice(0, TrainCount);
        var (validationImages, validationLabels) = Slice(TrainCount, Count - TrainCount);
        return new DigitsDataset(trainImages, trainLabels, validationImages, validationLabels);
    }

    /// <summary>Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 as images and labels.</summary>
    public static (Tensor Images, Tensor Labels) Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"rows [{start}, {start} + {count}) must lie within the {Count} rows of the digits.");
        }
        var (pixels, labels) = Rows.Value;
        var images = new Tensor(count, 1, Side, Side);
        var classes = new Tensor(count);
        for (int row = 0; row < count; row++)
        {
            for (int j = 0; j < Pixels; j++)
            {
                images.Data[row * Pixels + j] = pixels[(start + row) * Pixels + j] / (float)MaxCount;
            }
            classes.Data[row] = labels[start + row];
        }
        return (images, classes);
    }

    private static (byte[] Pixels, byte[] Labels) Read()
    {
        using Stream compressed = typeof(DigitsData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource '{ResourceName}' is missing from {typeof(DigitsData).Assembly}.");
        using var reader = new StreamReader(new GZipStream(compressed, CompressionMode.Decompress));
        var pixels = new byte[Count * Pixels];
        var labels = new byte[Count];
        int row = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            string[] fields = line.Split(',');
            if (row >= Count || fields.Length != Pixels + 1)
            {
                throw new InvalidDataException($"digits.csv row {row}: expected {Count} rows of {Pixels + 1} fields, got {fields.Length} fields.");
            }
            for (int j = 0; j <= Pixels; j++)
            {
                int value = int.Parse(fields[j], NumberStyles.None, CultureInfo.InvariantCulture);
                int max = j < Pixels ? MaxCount : Classes - 1;
                if (value > max)
                {
                    throw new InvalidDataException($"digits.csv row {row}, field {j}: {value} is above {max}.");
                }
                if (j < Pixels) pixels[row * Pixels + j] = (byte)value;
                else labels[row] = (byte)value;
            }
            row++;
        }
        if (row != Count)
        {
            throw new InvalidDataException($"digits.csv: expected {Count} rows, got {row}.");
        }
        return (pixels, labels);
    }
}
