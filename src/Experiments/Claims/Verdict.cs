namespace Verification.Experiments.Claims;

/// <summary>How a document's number fares when the experiment behind it is re-run.</summary>
public enum Verdict
{
    /// <summary>The measured value agrees with the document's within the tolerance the claim itself implies.</summary>
    Holds,

    /// <summary>The direction or ordering is right but the size is off; the row's note says by how much.</summary>
    HoldsQualitatively,

    /// <summary>The measured value contradicts the claim.</summary>
    DoesNotHold,
}
