using Verification.Core.Training;
using Xunit;

namespace Verification.Properties.Training;

public class TrainingHistoryTests
{
    private static TrainingHistory Sample()
    {
        var h = new TrainingHistory();
        h.Add(new EpochRecord(0, 0.69f, 0.60f, 0.55f));
        h.Add(new EpochRecord(1, 0.50f, 0.80f, 0.60f));
        h.Add(new EpochRecord(2, 0.30f, 0.95f, 0.70f, 0.61f));
        h.Add(new EpochRecord(3, 0.20f, 1.00f, 0.75f));
        return h;
    }

    [Fact]
    public void The_first_epoch_reaching_a_level_is_found_and_null_when_none_does()
    {
        var h = Sample();
        Assert.Equal(2, h.FirstEpochReaching(r => r.TrainAccuracy, 0.9f)!.Epoch);
        Assert.Equal(3, h.FirstEpochReaching(r => r.TrainAccuracy, 1.0f)!.Epoch);
        Assert.Null(h.FirstEpochReaching(r => r.ValidationAccuracy, 0.8f));
    }

    [Fact]
    public void Final_and_the_largest_gap_are_read_from_the_records()
    {
        var h = Sample();
        Assert.Equal(3, h.Final.Epoch);
        Assert.Equal(0.25f, h.MaxGap, 6);
        Assert.Equal(2, h.MaxGapRecord.Epoch); // 0.95 − 0.70 and 1.00 − 0.75 tie in exact arithmetic; float decides
    }

    [Fact]
    public void The_markdown_table_keeps_every_kth_row_and_the_last()
    {
        string table = Sample().ToMarkdownTable(every: 2);
        string[] lines = table.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + 3, lines.Length); // header, rule, epochs 0, 2, 3
        Assert.StartsWith("| epoch | train loss | train acc | val acc | gap | val loss |", lines[0]);
        Assert.Equal("| 2 | 0.3000 | 0.9500 | 0.7000 | 0.2500 | 0.6100 |", lines[3]);
        Assert.StartsWith("| 3 |", lines[4]);
    }

    [Fact]
    public void An_empty_history_has_no_final_epoch() =>
        Assert.Throws<InvalidOperationException>(() => new TrainingHistory().Final);

    [Fact]
    public void A_step_below_one_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Sample().ToMarkdownTable(0));
        Assert.Equal("every", ex.ParamName);
        Assert.Contains("0", ex.Message);
    }
}
