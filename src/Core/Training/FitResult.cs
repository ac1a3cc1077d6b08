namespace Verification.Core.Training;

/// <summary>
/// What <see cref="Trainer.Fit"/> returns: every epoch run, in order; the epoch after which early stopping stopped the run
/// (null when it ran all its epochs, or had no early stopping); the best epoch by validation loss (null without early
/// stopping or before any improvement); and whether the best epoch's weights were put back into the model.
/// </summary>
public sealed record FitResult(TrainingHistory History, int? StoppedAtEpoch, int? BestEpoch, bool RestoredBestWeights)
{
    /// <summary>Epochs run: the stopping epoch + 1, or every epoch asked for.</summary>
    public int EpochsRun => History.Count;

    /// <summary>True when early stopping ended the run before its last epoch.</summary>
    public bool StoppedEarly => StoppedAtEpoch is not null;
}
