using Verification.Core.Random;

namespace Verification.Core.Data;

/// <summary>The tensors of <see cref="OverfittingData"/>: inputs <c>(N, 20)</c>, 0/1 targets <c>(N, 1)</c>.</summary>
public sealed record OverfittingDataset(Tensor TrainInputs, Tensor TrainTargets, Tensor ValidationInputs, Tensor ValidationTargets);

/// <summary>
/// Document 000 (seeds/000_467f5e23d3be4dee.txt, "Step 1", the data lines right after <c>manual_seed(42)</c>):
/// 60 training and 400 validation samples of 20 standard-normal features; the label is
/// <c>y = [x₀ + 0.5·x₁ &gt; 0]</c> as a float column, so only the first two features matter.
/// Draw order: <c>randn(60, 20)</c> for the training inputs, then <c>randn(400, 20)</c> for the validation inputs
/// (both take the 16-block normal path); labels draw nothing. The caller seeds the generator and continues with it
/// into model initialisation, as the document's script does (experiments.json's "order" field).
/// Arithmetic in float32, as PyTorch's.
/// </summary>
public static class OverfittingData
{
    /// <summary>The document's sizes.</summary>
    public const int TrainCount = 60, ValidationCount = 400, Features = 20;

    /// <summary>Draws the dataset from <paramref name="generator"/> (seed it with 42 for the document's run).</summary>
    public static OverfittingDataset Create(TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Tensor trainInputs = generator.Randn(TrainCount, Features);
        Tensor trainTargets = Labels(trainInputs);
        Tensor validationInputs = generator.Randn(ValidationCount, Features);
        Tensor validationTargets = Labels(validationInputs);
        return new OverfittingDataset(trainInputs, trainTargets, validationInputs, validationTargets);
    }

    /// <summary><c>y = ((x[:, 0] + 0.5·x[:, 1]) &gt; 0).float().unsqueeze(1)</c> for inputs <c>(N, D)</c>, D ≥ 2.</summary>
    public static Tensor Labels(Tensor inputs)
    {
        Shapes.RequireRank(inputs, 2, nameof(inputs), "overfitting labels");
        if (inputs.Size(1) < 2)
        {
            throw new ArgumentException($"the label rule reads features 0 and 1, but inputs have shape {inputs.ShapeText}.", nameof(inputs));
        }
        int rows = inputs.Size(0), columns = inputs.Size(1);
        var labels = new Tensor(rows, 1);
        for (int i = 0; i < rows; i++)
        {
            float score = inputs.Data[i * columns] + 0.5f * inputs.Data[i * columns + 1];
            labels.Data[i] = score > 0f ? 1f : 0f;
        }
        return labels;
    }
}
