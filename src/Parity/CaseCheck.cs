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

    /// <summary>
    /// Compares float64 values: bit for bit when <paramref name="absolute"/> is 0 (+0 matching −0), else
    /// <c>|actual − expected| ≤ absolute</c>; NaN matches NaN.
    /// </summary>
    public void Doubles(string what, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double absolute = 0)
    {
        if (expected.Length != actual.Length)
        {
            LargestError = double.PositiveInfinity;
            _failure ??= $"{what}: expected {expected.Length} values, got {actual.Length}";
            return;
        }
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool bothNaN = double.IsNaN(e) && double.IsNaN(a);
            double error = bothNaN ? 0 : e == a ? 0 : Math.Abs(a - e);
            if (double.IsNaN(error)) error = double.PositiveInfinity;
            LargestError = Math.Max(LargestError, error);
            bool ok = bothNaN || (absolute == 0 ? e == a : error <= absolute);
            if (!ok && _failure is null)
            {
                string bound = absolute == 0 ? "bit-exact" : $"atol {absolute:G2}";
                _failure = $"{what}: expected {e:R}, got {a:R} at {i} ({bound})";
                _failureIndex = i;
            }
        }
    }

    /// <summary>Compares unsigned 64-bit words exactly (generator states and raw outputs).</summary>
    public void Words(string what, ReadOnlySpan<ulong> expected, ReadOnlySpan<ulong> actual)
    {
        if (expected.SequenceEqual(actual)) return;
        int index = 0;
        while (index < Math.Min(expected.Length, actual.Length) && expected[index] == actual[index]) index++;
        LargestError = Math.Max(LargestError, 1);
        if (_failure is null)
        {
            _failure = index < Math.Min(expected.Length, actual.Length)
                ? $"{what}: expected {expected[index]}, got {actual[index]} at {index}"
                : $"{what}: expected {expected.Length} values, got {actual.Length}";
            _failureIndex = index;
        }
    }

    /// <summary>The outcome for a case named <paramref name="name"/> in <paramref name="file"/>.</summary>
    public CaseOutcome Outcome(string file, string name) =>
        _failure is null
            ? new CaseOutcome(file, name, CaseStatus.Passed, LargestError)
            : new CaseOutcome(file, name, CaseStatus.Failed, LargestError, _failureIndex, _failure);
}
