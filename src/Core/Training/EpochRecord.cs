namespace Verification.Core.Training;

/// <summary>
/// One epoch as the documents log it: the training loss (computed before that epoch's step), the accuracies
/// measured in eval mode after it, and optionally the validation loss. <c>Gap = train − validation accuracy</c>.
/// </summary>
public sealed record EpochRecord(int Epoch, float TrainLoss, float TrainAccuracy, float ValidationAccuracy, float? ValidationLoss = null)
{
    /// <summary><c>TrainAccuracy − ValidationAccuracy</c>.</summary>
    public float Gap => Metrics.Gap(TrainAccuracy, ValidationAccuracy);
}
