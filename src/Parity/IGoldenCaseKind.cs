using Verification.Core;

namespace Verification.Parity;

/// <summary>A kind of golden case this suite knows how to run (all Linear cases, all rng cases, …).</summary>
public interface IGoldenCaseKind
{
    /// <summary>True when this kind runs cases with <paramref name="op"/>.</summary>
    bool Recognizes(string op);

    /// <summary>Runs one case with <paramref name="stack"/>, recording every comparison in <paramref name="check"/>.</summary>
    void Run(GoldenCase goldenCase, IStack stack, CaseCheck check);
}
