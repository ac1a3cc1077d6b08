using Verification.Core;
using Verification.Core.Data;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Data;

/// <summary>
/// The embedded 8×8 digits: the file's size, class balance and pixel scale, and rows checked against the file's text
/// (src/Core/Data/Digits/digits.csv.gz, first, 1001st and last lines).
/// </summary>
public class DigitsDataTests
{
    [Fact]
    public void The_digits_hold_1797_images_of_one_8x8_channel_with_a_label_each()
    {
        var (images, labels) = DigitsData.LoadAll();
        Assert.True(images.HasShape(1797, 1, 8, 8), images.ShapeText);
        Assert.True(labels.HasShape(1797), labels.ShapeText);
    }

    [Fact]
    public void Every_class_has_the_count_scikit_learn_reports()
    {
        // sklearn.datasets.load_digits: np.bincount(target) = [178 182 177 183 181 182 181 179 174 180].
        int[] expected = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
        var (_, labels) = DigitsData.LoadAll();
        var counts = new int[DigitsData.Classes];
        foreach (float label in labels.Data)
        {
            Assert.True(label == MathF.Floor(label) && label >= 0 && label < 10, $"label {label} is not a digit");
            counts[(int)label]++;
        }
        Assert.Equal(expected, counts);
    }

    [Fact]
    public void Pixels_are_counts_out_of_16_divided_by_16_so_they_span_zero_to_one_in_sixteenths()
    {
        var (images, _) = DigitsData.LoadAll();
        int bad = Array.FindIndex(images.Data, v => !(v >= 0 && v <= 1 && v * 16 == MathF.Round(v * 16)));
        Assert.True(bad < 0, $"pixel {bad} is not a multiple of 1/16 in [0, 1]");
        Assert.Equal(0f, images.Data.Min());
        Assert.Equal(1f, images.Data.Max());
        // The sum of all 1797·64 pixel counts in the file (a checksum of every value, computed from the CSV text).
        Assert.Equal(561718.0, images.Data.Sum(v => (double)v * 16));
    }

    [Fact]
    public void The_first_row_is_the_files_first_line_a_zero()
    {
        var (images, labels) = DigitsData.LoadAll();
        int[] firstLine =
        [
            0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
            0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0,
        ];
        Assert.Equal(firstLine.Select(c => c / 16f), images.Data.Take(64));
        Assert.Equal(0f, labels[0]);
        Assert.Equal(13 / 16f, images[0, 0, 1, 2]);
    }

    [Fact]
    public void The_split_trains_on_rows_0_to_999_and_validates_on_rows_1000_to_1796()
    {
        DigitsDataset split = DigitsData.Load();
        var (all, allLabels) = DigitsData.LoadAll();
        Assert.True(split.TrainImages.HasShape(1000, 1, 8, 8) && split.ValidationImages.HasShape(797, 1, 8, 8));
        Compare.Exact(all.Data.AsSpan(0, 64_000), split.TrainImages.Data, "training images = rows 0-999");
        Compare.Exact(all.Data.AsSpan(64_000), split.ValidationImages.Data, "validation images = rows 1000-1796");
        Compare.Exact(allLabels.Data.AsSpan(0, 1000), split.TrainLabels.Data, "training labels");
        Compare.Exact(allLabels.Data.AsSpan(1000), split.ValidationLabels.Data, "validation labels");
        // Line 1001 of the file: a 1 whose top row is 0,0,1,14,2,0,0,0; the last line is an 8.
        Assert.Equal(1f, split.ValidationLabels[0]);
        Assert.Equal(new[] { 0f, 0f, 1 / 16f, 14 / 16f, 2 / 16f, 0f, 0f, 0f }, split.ValidationImages.Data.Take(8));
        Assert.Equal(8f, split.ValidationLabels[796]);
    }

    [Fact]
    public void Each_call_returns_fresh_tensors_so_a_caller_cannot_change_the_next_callers_data()
    {
        var (first, _) = DigitsData.LoadAll();
        first.Data[0] = 42f;
        Assert.Equal(0f, DigitsData.LoadAll().Images[0]);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(0, 1798)]
    [InlineData(1797, 1)]
    public void A_slice_outside_the_file_is_refused_with_the_row_range(int start, int count)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DigitsData.Slice(start, count));
        Assert.Contains("1797 rows", e.Message);
    }
}
