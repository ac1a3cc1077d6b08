namespace Verification.Parity;

/// <summary>
/// Collects the comparisons of one case; the first failing comparison decides the outcome's detail, and the
/// largest error over all of them is reported.
/// </summary>
public sealed class CaseCheck
{
    private string? _failure;
    private int? _failureIndex;

    /// <summary>The largest error seen over all comparisons of the case.</summary>
    public double LargestError { get; private set; }

    /// <summary>True while every comparison passed.</summary>
    public bool Ok => _failure is null;

    /// <summary>Compares <paramref name="actual"/> with <paramref name="expected"/> under <paramref name="tolerance"/>.</summary>
    public void Values(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance)
    {
        var c = Comparison.Of(expected, actual, tolerance);
        LargestError = Math.Max(LargestError, c.LargestError);
        if (!c.Ok && _failure is null)
        {
            _failure = expected.Length != actual.Length
                ? $"{what}: expected {expected.Length} values, got {actual.Length}"
                : $"{what}: expected {c.Expected:R}, got {c.Actual:R} ({tolerance})";
            _failureIndex = c.Index;
        }
    }

    /// <summary>Compares one scalar.</summary>
    public void Value(string what, float expected, float actual, Tolerance tolerance) =>
        Values(what, [expected], [actual], tolerance);

    /// <summary>Compares integers exactly (permutations, counts).</summary>
    public void Integers(string what, ReadOnlySpan<int> expected, ReadOnlySpan<int> actual)
    {
        if (expected.SequenceEqual(actual)) return;
        int index = 0;
        while (index < Math.Min(expected.Length, actual.Length) && expected[index] == actual[index]) index++;
        LargestError = Math.Max(LargestError, 1);
        if (_failure is null)
        {
            _failure = index < Math.Min(expected.Length, actual.Length)
                ? $"{what}: expected {expected[index]}, got {actual[index]}"
                : $"{what}: expected {expected.Length} values, got {actual.Length}";
            _failureIndex = index;
        }
    }

    /// <summary>Compares two 64-bit integers exactly (seeds).</summary>
    public void Integer(string what, long expected, long actual)
    {
        if (expected == actual) return;
        LargestError = Math.Max(LargestError, Math.Abs((double)expected - actual));
        _failure ??= $"{what}: expected {expected}, got {actual}";
    }

    /// <summary>The outcome for a case named <paramref name="name"/> in <paramref name="file"/>.</summary>
    public CaseOutcome Outcome(string file, string name) =>
        _failure is null
            ? new CaseOutcome(file, name, CaseStatus.Passed, LargestError)
            : new CaseOutcome(file, name, CaseStatus.Failed, LargestError, _failureIndex, _failure);
}
