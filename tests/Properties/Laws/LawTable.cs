using Verification.Core;
using Verification.Core.Random;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Laws;

using Verification.Laws;

/// <summary>The two stacks every law runs on, by the names <see cref="IStack.Name"/> gives them.</summary>
public enum Stack
{
    /// <summary>src/Reference.</summary>
    Reference,

    /// <summary>src/Optimized.</summary>
    Optimized,
}

/// <summary>One layer of the table: its name and how each stack builds it.</summary>
public sealed record TwinRow<TFactory>(string Name, TFactory Reference, TFactory Optimized) where TFactory : class
{
    /// <summary>The factory of <paramref name="stack"/>.</summary>
    public TFactory For(Stack stack) => stack == Stack.Reference ? Reference : Optimized;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// A dropout-like layer: its twin factories, the smallest input rank it takes, and how many consecutive elements share
/// one draw (1 for element-wise dropout, the plane size for channel dropout), and the largest rank it takes.
/// </summary>
public sealed record DropoutRow(string Name, DropoutFactory Reference, DropoutFactory Optimized, int MinRank, Func<Tensor, int> ChannelSize,
    int MaxRank = 4)
{
    /// <summary><paramref name="shape"/> with trailing 1s added up to the smallest rank this layer takes.</summary>
    public int[] Fit(int[] shape) => shape.Length >= MinRank ? shape : [.. shape, .. Enumerable.Repeat(1, MinRank - shape.Length)];

    /// <summary>A shape with <paramref name="n"/> draws of one element each: (n) element-wise, (1, n, 1, …) batched channels.</summary>
    public int[] OneElementPerDraw(int n) => MinRank == 1 ? [n] : [1, n, .. Enumerable.Repeat(1, MaxRank - 2)];

    /// <summary>The factory of <paramref name="stack"/>.</summary>
    public DropoutFactory For(Stack stack) => stack == Stack.Reference ? Reference : Optimized;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// The law table: every layer the laws know, each row naming the Reference factory and the Optimized factory. The
/// suites in this folder run each law over its rows on both stacks, so adding a layer to a family (a new dropout
/// variant, another loss) is adding one row here.
/// </summary>
public static class LawTable
{
    /// <summary>Both stacks, in the order the suites run them.</summary>
    public static readonly Stack[] Stacks = [Stack.Reference, Stack.Optimized];

    /// <summary>Dropout-like layers: the dropout laws (moments, mask and gradient, eval, p = 0, p = 1, same seed).</summary>
    public static readonly DropoutRow[] Dropouts =
    [
        new("Dropout", (p, g) => new R.Dropout(p, g), (p, g) => new O.Dropout(p, g), MinRank: 1, ChannelSize: _ => 1),
        new("Dropout2d", (p, g) => new R.Dropout2d(p, g), (p, g) => new O.Dropout2d(p, g), MinRank: 3,
            ChannelSize: x => x.Length / (x.Size(0) * x.Size(1))),
        new("Dropout1d", (p, g) => new R.Dropout1d(p, g), (p, g) => new O.Dropout1d(p, g), MinRank: 2,
            ChannelSize: x => x.Rank == 3 ? x.Length / (x.Size(0) * x.Size(1)) : x.Length / x.Size(0), MaxRank: 3),
        new("Dropout3d", (p, g) => new R.Dropout3d(p, g), (p, g) => new O.Dropout3d(p, g), MinRank: 4,
            ChannelSize: x => x.Rank == 5 ? x.Length / (x.Size(0) * x.Size(1)) : x.Length / x.Size(0), MaxRank: 5),
    ];

    /// <summary>Layers with parameters, built for (N, in) inputs: backward accumulates parameter gradients.</summary>
    public static readonly TwinRow<LinearFactory>[] ParameterLayers =
    [
        new("Linear", (i, o, g) => new R.Linear(i, o, g), (i, o, g) => new O.Linear(i, o, g)),
        new("Linear without bias", (i, o, g) => new R.Linear(i, o, g, bias: false), (i, o, g) => new O.Linear(i, o, g, bias: false)),
        new("BatchNorm1d", (i, _, _) => new R.BatchNorm1d(i), (i, _, _) => new O.BatchNorm1d(i)),
    ];

    /// <summary>Linear layers: the leading dimensions of (*, in) are rows.</summary>
    public static readonly TwinRow<LinearFactory>[] Linears =
    [
        new("Linear", (i, o, g) => new R.Linear(i, o, g), (i, o, g) => new O.Linear(i, o, g)),
        new("Linear without bias", (i, o, g) => new R.Linear(i, o, g, bias: false), (i, o, g) => new O.Linear(i, o, g, bias: false)),
    ];

    /// <summary>Batch normalisation: the training-mode, eval-mode and (N, C, L) laws.</summary>
    public static readonly TwinRow<BatchNormFactory>[] BatchNorms =
    [
        new("BatchNorm1d", (f, m) => new R.BatchNorm1d(f, momentum: m), (f, m) => new O.BatchNorm1d(f, momentum: m)),
    ];

    /// <summary>ReLU: the gradient at the kink.</summary>
    public static readonly TwinRow<Func<IModule>>[] ReLUs = [new("ReLU", () => new R.ReLU(), () => new O.ReLU())];

    /// <summary>Cross-entropy losses: shift invariance of the logits.</summary>
    public static readonly TwinRow<Func<ILoss>>[] CrossEntropies =
        [new("CrossEntropyLoss", () => new R.CrossEntropyLoss(), () => new O.CrossEntropyLoss())];

    /// <summary>Binary cross-entropy on logits: finite for any finite logit.</summary>
    public static readonly TwinRow<Func<ILoss>>[] LogitLosses =
        [new("BCEWithLogitsLoss", () => new R.BCEWithLogitsLoss(), () => new O.BCEWithLogitsLoss())];

    /// <summary>The stack objects, for laws stated over a whole stack (naming, modes).</summary>
    public static IStack Of(Stack stack) => stack == Stack.Reference ? R.ReferenceStack.Instance : new O.OptimizedStack();

    /// <summary>A generator for <paramref name="seed"/>, as <c>torch.manual_seed(seed)</c>.</summary>
    public static TorchGenerator Generator(ulong seed) => new(seed);
}
