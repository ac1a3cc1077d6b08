using System.Collections;
using System.Globalization;
using System.Text;

namespace Verification.Core.Training;

/// <summary>
/// The per-epoch log of a run, in order, with the questions the documents ask of it: when did a metric first
/// reach a level, where did training end, and how wide did the train − validation gap get.
/// </summary>
public sealed class TrainingHistory : IReadOnlyList<EpochRecord>
{
    private readonly List<EpochRecord> _records = new();

    /// <summary>Appends one epoch.</summary>
    public void Add(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.Add(record);
    }

    /// <inheritdoc/>
    public int Count => _records.Count;

    /// <inheritdoc/>
    public EpochRecord this[int index] => _records[index];

    /// <summary>The last epoch.</summary>
    public EpochRecord Final => _records.Count > 0
        ? _records[^1]
        : throw new InvalidOperationException("the history is empty: no epoch has been recorded.");

    /// <summary>The first epoch whose <paramref name="metric"/> is at least <paramref name="threshold"/>; null if none.</summary>
    public EpochRecord? FirstEpochReaching(Func<EpochRecord, float> metric, float threshold)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (float.IsNaN(threshold))
        {
            throw new ArgumentException("threshold must be a number, but got NaN.", nameof(threshold));
        }
        foreach (var record in _records)
        {
            if (metric(record) >= threshold)
            {
                return record;
            }
        }
        return null;
    }

    /// <summary>The largest <c>train − validation</c> accuracy gap over all epochs.</summary>
    public float MaxGap => MaxGapRecord.Gap;

    /// <summary>The (first) epoch with the largest gap.</summary>
    public EpochRecord MaxGapRecord
    {
        get
        {
            EpochRecord best = Final;
            foreach (var record in _records)
            {
                if (record.Gap > best.Gap || (record.Gap == best.Gap && record.Epoch < best.Epoch))
                {
                    best = record;
                }
            }
            return best;
        }
    }

    /// <summary>
    /// A Markdown table of every <paramref name="every"/>-th epoch (the first always, the last always),
    /// with four decimals; a validation-loss column appears when any epoch has one.
    /// </summary>
    public string ToMarkdownTable(int every = 1)
    {
        if (every < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, $"every must be at least 1, but got {every}.");
        }
        bool withValidationLoss = _records.Exists(r => r.ValidationLoss.HasValue);
        var text = new StringBuilder();
        text.Append("| epoch | train loss | train acc | val acc | gap |");
        text.Append(withValidationLoss ? " val loss |\n" : "\n");
        text.Append("| ---: | ---: | ---: | ---: | ---: |");
        text.Append(withValidationLoss ? " ---: |\n" : "\n");
        for (int i = 0; i < _records.Count; i++)
        {
            if (i % every != 0 && i != _records.Count - 1)
            {
                continue;
            }
            var r = _records[i];
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Epoch} | {F(r.TrainLoss)} | {F(r.TrainAccuracy)} | {F(r.ValidationAccuracy)} | {F(r.Gap)} |");
            if (withValidationLoss)
            {
                text.Append(' ').Append(r.ValidationLoss is float v ? F(v) : "").Append(" |");
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <inheritdoc/>
    public IEnumerator<EpochRecord> GetEnumerator() => _records.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string F(float value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
