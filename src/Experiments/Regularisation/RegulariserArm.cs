using System.Globalization;

namespace Verification.Experiments.Regularisation;

/// <summary>Where a hidden block's dropout sits relative to its activation.</summary>
public enum DropoutPlacement
{
    /// <summary><c>Linear → activation → Dropout</c>, the documents' pattern.</summary>
    AfterActivation,

    /// <summary><c>Linear → Dropout → activation</c>, the placement document 002 warns against.</summary>
    BeforeActivation,
}

/// <summary>The hidden activation of document 000's network.</summary>
public enum HiddenActivation
{
    /// <summary><c>nn.ReLU()</c>, the document's.</summary>
    ReLU,

    /// <summary><c>nn.Tanh()</c>: not positively homogeneous, so the dropout placement changes the function.</summary>
    Tanh,
}

/// <summary>
/// One configuration of document 000's network and training (20→256→256→1, Adam lr 5e-4, full batch, BCE with logits)
/// with the regularisers switched on or off: a dropout rate per hidden block (probability of dropping; 0 leaves the
/// layer out), where it sits, the activation, an explicit L2 penalty <c>λ·Σw²</c> on the weight matrices (the
/// <c>L2Penalty</c> of document 002, added to the gradient before Adam's step), AdamW's decoupled decay in place of
/// Adam, and early stopping on a held-out loss (patience in epochs; 0 trains every epoch).
/// </summary>
public sealed record RegulariserArm(
    string Name,
    double FirstDropout = 0,
    double SecondDropout = 0,
    DropoutPlacement Placement = DropoutPlacement.AfterActivation,
    HiddenActivation Activation = HiddenActivation.ReLU,
    double L2Lambda = 0,
    double AdamWDecay = 0,
    int Patience = 0)
{
    /// <summary>The document's rate, Dropout(0.4) in both hidden blocks.</summary>
    public const double DocumentRate = 0.4;

    /// <summary>The L2 strength of document 002's sine experiment, used wherever an arm adds the penalty.</summary>
    public const double DocumentLambda = 1e-3;

    /// <summary>Early stopping's patience: 20 epochs, 8% of the document's 250.</summary>
    public const int DocumentPatience = 20;

    /// <summary>No regulariser: the document's first model.</summary>
    public static RegulariserArm None { get; } = new("none");

    /// <summary>Dropout(p) after both hidden activations.</summary>
    public static RegulariserArm Dropout(double p) => new("dropout " + Rate(p), p, p);

    /// <summary>The explicit L2 penalty of strength <see cref="DocumentLambda"/>.</summary>
    public static RegulariserArm L2 { get; } = new("L2", L2Lambda: DocumentLambda);

    /// <summary>Early stopping with <see cref="DocumentPatience"/>, best weights restored.</summary>
    public static RegulariserArm EarlyStopping { get; } = new("early stopping", Patience: DocumentPatience);

    /// <summary>Document 001's combination: Dropout(0.4), the L2 penalty and early stopping together.</summary>
    public static RegulariserArm Combined { get; } =
        new("dropout + L2 + early stopping", DocumentRate, DocumentRate, L2Lambda: DocumentLambda, Patience: DocumentPatience);

    /// <summary>True when the arm stops early.</summary>
    public bool StopsEarly => Patience > 0;

    /// <summary>A rate as the ledger prints it: <c>0.4</c>.</summary>
    public static string Rate(double p) => p.ToString("0.0##", CultureInfo.InvariantCulture);
}
