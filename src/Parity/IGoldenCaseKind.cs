using Verification.Core;

namespace Verification.Parity;

/// <summary>A kind of golden case this suite knows how to run (all Linear cases, all rng cases, …).</summary>
public interface IGoldenCaseKind
{
    /// <summary>True when this kind runs <paramref name="goldenCase"/> (by its op and, where ops repeat across files, its fields).</summary>
    bool Recognizes(GoldenCase goldenCase);

    /// <summary>Runs one case with <paramref name="stack"/>, recording every comparison in <paramref name="check"/>.</summary>
    void Run(GoldenCase goldenCase, IStack stack, CaseCheck check);
}
