using Verification.Core;

namespace Verification.Laws;

/// <summary>Laws of the losses, as check functions over loss factories; each throws a <see cref="LawViolation"/>.</summary>
public static class LossLaws
{
    /// <summary>The law <see cref="CheckCrossEntropyShiftInvariance"/> checks.</summary>
    public const string CrossEntropyShift = "cross-entropy is unchanged by adding a constant to a row of logits";

    /// <summary>The law <see cref="CheckBceIsFinite"/> checks.</summary>
    public const string BceFinite = "BCEWithLogitsLoss is finite and non-negative, with a gradient in [−1, 1], for any finite logit";

    /// <summary>
    /// Adding 50·(row + 1) to every logit of a row leaves the loss unchanged (softmax is shift-invariant), up to the
    /// rounding of the shifted logits (relative and absolute 1e-4).
    /// </summary>
    public static void CheckCrossEntropyShiftInvariance(Func<ILoss> create, Tensor logits, Tensor target, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        Tensor shifted = logits.Clone();
        int n = logits.Size(0), c = logits.Size(1);
        for (int row = 0; row < n; row++)
        {
            for (int k = 0; k < c; k++) shifted[row, k] += 50f * (row + 1);
        }
        float original = create().Forward(logits, target);
        float moved = create().Forward(shifted, target);
        Near.Equal([original], [moved], 1e-4, 1e-4, CrossEntropyShift, new Counterexample(logits.Shape, Seed: seed),
            "the loss of the shifted logits");
    }

    /// <summary>One logit and one target: the loss is finite and ≥ 0, its gradient finite with |∂L/∂x| ≤ 1.</summary>
    public static void CheckBceIsFinite(Func<ILoss> create, float logit, float target)
    {
        ArgumentNullException.ThrowIfNull(create);
        ILoss loss = create();
        float value = loss.Forward(Tensor.Vector(logit), Tensor.Vector(target));
        float grad = loss.Backward()[0];
        if (!(float.IsFinite(value) && value >= 0 && float.IsFinite(grad) && Math.Abs(grad) <= 1))
        {
            throw new LawViolation(BceFinite, new Counterexample([1], Detail: $"logit {logit}, target {target}"),
                "a finite loss ≥ 0 and a finite gradient in [−1, 1]", $"loss {value}, gradient {grad}");
        }
    }
}
