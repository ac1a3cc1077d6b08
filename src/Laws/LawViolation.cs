namespace Verification.Laws;

/// <summary>
/// A law did not hold. Carries the law's name, the smallest description of the case that broke it
/// (<see cref="Counterexample"/>), what the law expected and what the layer gave, so a test runner, the exercise grader
/// or a console can report it without parsing the message.
/// </summary>
public sealed class LawViolation : Exception
{
    /// <summary>A violation of <paramref name="law"/> on <paramref name="counterexample"/>.</summary>
    public LawViolation(string law, Counterexample counterexample, string expected, string found)
        : base($"{law} does not hold for {counterexample}: expected {expected}, found {found}.")
    {
        Law = law;
        Counterexample = counterexample;
        Expected = expected;
        Found = found;
    }

    /// <summary>The law's name, a sentence (e.g. "a dropped unit passes no gradient").</summary>
    public string Law { get; }

    /// <summary>The case the law failed on.</summary>
    public Counterexample Counterexample { get; }

    /// <summary>What the law expected, in words and numbers.</summary>
    public string Expected { get; }

    /// <summary>What the layer gave instead.</summary>
    public string Found { get; }
}

/// <summary>
/// The case a law failed on: the input <paramref name="Shape"/>, the drop probability <paramref name="P"/> and the
/// generator <paramref name="Seed"/> when the law has them, and the first element that broke it (row-major index).
/// <paramref name="Detail"/> adds anything else the case needs to replay (a pass number, a momentum).
/// </summary>
public sealed record Counterexample(int[] Shape, double? P = null, ulong? Seed = null, int? Element = null, string? Detail = null)
{
    /// <summary>The same case, pointing at element <paramref name="index"/>.</summary>
    public Counterexample At(int index) => this with { Element = index };

    /// <summary>The same case, with <paramref name="detail"/> appended to its detail.</summary>
    public Counterexample With(string detail) => this with { Detail = Detail is null ? detail : $"{Detail}, {detail}" };

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string> { "x" + Verification.Core.Shapes.Format(Shape) };
        if (P is double p) parts.Add($"p = {p}");
        if (Seed is ulong seed) parts.Add($"seed {seed}");
        if (Detail is not null) parts.Add(Detail);
        if (Element is int element) parts.Add($"element {element}");
        return string.Join(", ", parts);
    }
}
