namespace Verification.Core.Training;

/// <summary>
/// Early stopping on a validation loss: an epoch improves when <c>loss &lt; best − minDelta</c>; training stops once
/// <c>patience</c> epochs in a row have not improved. Keeps a copy of the best epoch's parameters and buffers
/// (BatchNorm's running statistics belong to the model as much as its weights). Epochs count from 0, one per
/// <see cref="ShouldStop"/> call. Defaults follow Keras' <c>EarlyStopping</c> (<c>min_delta=0</c>), with
/// <c>restore_best_weights</c> on. A NaN loss never improves.
/// </summary>
public sealed class EarlyStopping
{
    private readonly Dictionary<string, float[]> _bestParameters = new();
    private readonly Dictionary<string, float[]> _bestBuffers = new();
    private int _epoch;

    /// <summary>Stops after <paramref name="patience"/> epochs without an improvement larger than <paramref name="minDelta"/>.</summary>
    public EarlyStopping(int patience, double minDelta = 0, bool restoreBestWeights = true)
    {
        if (patience < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(patience), patience,
                $"patience must be at least 1 epoch, but got {patience}.");
        }
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta,
                $"minDelta must be a finite number ≥ 0, but got {minDelta}.");
        }
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>Epochs without improvement tolerated before stopping.</summary>
    public int Patience { get; }

    /// <summary>The margin an improvement must beat.</summary>
    public double MinDelta { get; }

    /// <summary>True when the best weights are kept and put back when training stops.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The epoch (0-based call index) of the best loss; −1 before any improvement.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>The best validation loss so far; +∞ before any improvement.</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>True once <see cref="ShouldStop"/> has returned true.</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// Records one epoch's validation loss. On improvement keeps a copy of the model's parameters and buffers.
    /// Returns true once <see cref="Patience"/> epochs in a row have not improved; the first time it does,
    /// the best weights are restored when <see cref="RestoreBestWeights"/> is set.
    /// </summary>
    public bool ShouldStop(double validationLoss, IModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // NaN never improves (every comparison with it is false), so a diverged run counts down to a stop.
        bool improves = validationLoss < BestLoss - MinDelta;
        bool stop = !improves && EpochsWithoutImprovement + 1 >= Patience;
        bool restore = stop && !Stopped && RestoreBestWeights && BestEpoch >= 0;
        if (restore)
        {
            // A model the saved weights do not fit is rejected before any counter moves.
            CheckFits(model);
        }
        if (improves)
        {
            BestLoss = validationLoss;
            BestEpoch = _epoch;
            EpochsWithoutImprovement = 0;
            if (RestoreBestWeights)
            {
                Snapshot(model);
            }
        }
        else
        {
            EpochsWithoutImprovement++;
        }
        _epoch++;
        if (restore)
        {
            RestoreBest(model);
        }
        Stopped |= stop;
        return stop;
    }

    /// <summary>Copies the best epoch's parameters and buffers back into <paramref name="model"/>, bit for bit.</summary>
    public void RestoreBest(IModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!RestoreBestWeights)
        {
            throw new InvalidOperationException("this EarlyStopping was created with restoreBestWeights = false and kept no weights.");
        }
        if (BestEpoch < 0)
        {
            throw new InvalidOperationException("no epoch has improved yet, so there are no best weights to restore.");
        }
        CheckFits(model);
        foreach (var (name, parameter) in model.NamedParameters())
        {
            Array.Copy(_bestParameters[name], parameter.Value.Data, parameter.Value.Length);
        }
        foreach (var (name, buffer) in model.NamedBuffers())
        {
            Array.Copy(_bestBuffers[name], buffer.Data, buffer.Length);
        }
    }

    private void CheckFits(IModule model)
    {
        foreach (var (name, parameter) in model.NamedParameters())
        {
            CheckSaved(_bestParameters, name, parameter.Value, "parameter", nameof(model));
        }
        foreach (var (name, buffer) in model.NamedBuffers())
        {
            CheckSaved(_bestBuffers, name, buffer, "buffer", nameof(model));
        }
    }

    private void Snapshot(IModule model)
    {
        _bestParameters.Clear();
        _bestBuffers.Clear();
        foreach (var (name, parameter) in model.NamedParameters())
        {
            _bestParameters[name] = (float[])parameter.Value.Data.Clone();
        }
        foreach (var (name, buffer) in model.NamedBuffers())
        {
            _bestBuffers[name] = (float[])buffer.Data.Clone();
        }
    }

    private static void CheckSaved(Dictionary<string, float[]> saved, string name, Tensor target, string kind, string argumentName)
    {
        if (!saved.TryGetValue(name, out float[]? values) || values.Length != target.Length)
        {
            throw new ArgumentException(
                $"{kind} '{name}' (shape {target.ShapeText}) does not match the weights saved at the best epoch.", argumentName);
        }
    }
}
