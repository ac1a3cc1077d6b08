using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Training;

namespace Verification.Core.Scripts;

/// <summary>
/// The experiment of 000_467f5e23d3be4dee.txt, drawn exactly as its script draws: <c>torch.manual_seed(seed)</c>;
/// 60×20 training and 400×20 validation data whose label depends on the first two features; a 20→256→256→1 ReLU
/// network trained full-batch with Adam (lr 5e-4) on BCEWithLogits; then the same network with Dropout(0.4) after
/// each hidden ReLU, built from the generator where the first run left it. Accuracy is measured in eval mode after
/// every epoch (which draws nothing), so the whole run is comparable epoch by epoch with PyTorch's
/// (tests/Golden/experiments.json).
/// </summary>
/// <remarks>
/// <c>Scripts/</c> holds the documents' programs as their code runs them (seeded data, model, training loop), shared
/// by the golden-vector runner (src/Parity) and the claims ledger (src/Experiments).
/// </remarks>
public static class OverfittingScript
{
    /// <summary>The document's settings.</summary>
    public sealed record Settings(ulong Seed = 42, int Epochs = 250, double LearningRate = 5e-4, double DropoutP = 0.4, int Hidden = 256);

    /// <summary>Both runs' per-epoch histories, plus the data they saw.</summary>
    public sealed record Result(Settings Settings, OverfittingDataset Data, TrainingHistory WithoutDropout, TrainingHistory WithDropout);

    /// <summary>Runs both models with <paramref name="stack"/>.</summary>
    public static Result Run(IStack stack, Settings? settings = null, Action<string, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        settings ??= new Settings();
        if (settings.Epochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Epochs, "epochs must be non-negative.");
        }
        var generator = new TorchGenerator(settings.Seed);
        var data = OverfittingData.Create(generator);
        var without = Train(stack, BuildModel(stack, generator, settings, dropout: false), data, settings, "without dropout", progress);
        var with = Train(stack, BuildModel(stack, generator, settings, dropout: true), data, settings, "with dropout", progress);
        return new Result(settings, data, without, with);
    }

    /// <summary>
    /// Trains only one of the two models, drawing exactly what the full script draws before it: the data, then the
    /// first model's initialisation (its full-batch training draws nothing), then — for the dropout model — its own
    /// initialisation and masks. Gives the same history as the matching half of <see cref="Run"/>, at half the cost.
    /// </summary>
    public static TrainingHistory TrainOne(IStack stack, Settings settings, bool withDropout)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(settings);
        var generator = new TorchGenerator(settings.Seed);
        var data = OverfittingData.Create(generator);
        var model = BuildModel(stack, generator, settings, dropout: false);
        if (withDropout)
        {
            model = BuildModel(stack, generator, settings, dropout: true);
        }
        return Train(stack, model, data, settings, withDropout ? "with dropout" : "without dropout", null);
    }

    /// <summary>
    /// <c>nn.Sequential(Linear(20, 256), ReLU, [Dropout(p)], Linear(256, 256), ReLU, [Dropout(p)], Linear(256, 1))</c>,
    /// initialised from <paramref name="generator"/> in that order.
    /// </summary>
    public static IModule BuildModel(IStack stack, TorchGenerator generator, Settings settings, bool dropout)
    {
        var layers = new List<IModule> { stack.Linear(20, settings.Hidden, generator), stack.ReLU() };
        if (dropout) layers.Add(stack.Dropout(settings.DropoutP, generator));
        layers.Add(stack.Linear(settings.Hidden, settings.Hidden, generator));
        layers.Add(stack.ReLU());
        if (dropout) layers.Add(stack.Dropout(settings.DropoutP, generator));
        layers.Add(stack.Linear(settings.Hidden, 1, generator));
        return stack.Sequential(layers.ToArray());
    }

    private static TrainingHistory Train(IStack stack, IModule model, OverfittingDataset data, Settings settings, string name,
        Action<string, int>? progress)
    {
        var optimizer = stack.Adam(model.Parameters(), lr: settings.LearningRate);
        var loss = stack.BCEWithLogitsLoss();
        var history = new TrainingHistory();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            history.Add(Trainer.FullBatchEpoch(epoch, model, loss, optimizer,
                data.TrainInputs, data.TrainTargets, data.ValidationInputs, data.ValidationTargets));
            progress?.Invoke(name, epoch);
        }
        return history;
    }
}
