namespace Verification.Core.Data;

/// <summary>The tensors of <see cref="ChurnData"/>: inputs <c>(5, 2)</c>, 0/1 targets <c>(5)</c>.</summary>
public sealed record ChurnDataset(Tensor Inputs, Tensor Targets);

/// <summary>
/// Document 003 (seeds/003_8edb894460b127c3.txt, the fixed arrays of its "Dropout Rate Sensitivity" NumPy script):
/// five customers with two features each and a churn label; rows 2 and 4 (the ones with both features ≥ 0.6)
/// churn. Fixed values, so nothing is drawn and no generator is taken.
/// </summary>
public static class ChurnData
{
    /// <summary>A fresh copy of the document's five rows.</summary>
    public static ChurnDataset Create() => new(
        Tensor.FromValues(
        [
            0.5f, 0.1f,
            0.9f, 0.8f,
            0.2f, 0.3f,
            0.7f, 0.6f,
            0.4f, 0.2f,
        ], 5, 2),
        Tensor.Vector(0f, 1f, 0f, 1f, 0f));
}
