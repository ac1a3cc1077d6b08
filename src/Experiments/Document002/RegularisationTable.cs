using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Training;

namespace Verification.Experiments.Document002;

/// <summary>One configuration of the table: the name the document prints and what it switches on.</summary>
public sealed record TableConfiguration(string Name, bool UseDropout, bool UseBatchNorm, double WeightDecay);

/// <summary>
/// One trained row: final train and validation accuracy (eval mode, as <c>evaluate_accuracy</c>), their gap, and the
/// mean training loss of each epoch (for loss curves).
/// </summary>
public sealed record TableRowResult(TableConfiguration Configuration, float TrainAccuracy, float ValidationAccuracy, float Gap,
    float[] EpochLosses);

/// <summary>
/// The six rows in the document's order, and for each row with weight decay its twin: the same row re-run from the same
/// generator state (same initial weights, shuffles and masks) with <c>weight_decay = 0</c>, which isolates what the
/// decay itself did. The twins draw from a saved copy of the generator, so the six rows are exactly the document's.
/// </summary>
public sealed record RegularisationTableResult(
    int Epochs, IReadOnlyList<TableRowResult> Rows, IReadOnlyDictionary<string, TableRowResult> WithoutDecay);

/// <summary>
/// The regularisation comparison of 002_91f9a1e79ea80b56.txt, drawn as its script draws from <c>manual_seed(0)</c>:
/// the four-class data (<see cref="FourClassData"/>); a shuffled training loader (batch 64) and an unshuffled
/// validation loader (batch 128); then for each row in order: the model's Linear layers in construction order
/// (BatchNorm and Dropout draw nothing when built), 60 epochs of AdamW (lr 1e-3) on cross-entropy — every epoch one
/// <c>iter(train_loader)</c> (base seed, then sampler seed) and the dropout masks in forward order — then
/// <c>evaluate_accuracy</c> on the training loader (which shuffles again and so draws twice) and on the validation
/// loader (one base-seed draw).
/// </summary>
public static class RegularisationTable
{
    /// <summary>The script's seed, epochs, batch sizes, learning rate and dropout rate.</summary>
    public const ulong Seed = 0;

    /// <summary><c>num_epochs=60</c>.</summary>
    public const int Epochs = 60;

    /// <summary>Loader batch sizes.</summary>
    public const int TrainBatchSize = 64, ValidationBatchSize = 128;

    /// <summary>AdamW's learning rate.</summary>
    public const double LearningRate = 1e-3;

    /// <summary><c>build_model</c>'s default dropout rate.</summary>
    public const double DropoutRate = 0.4;

    /// <summary>The six rows, in the order the script runs them.</summary>
    public static IReadOnlyList<TableConfiguration> Configurations { get; } =
    [
        new("Baseline (no regularisation)", false, false, 0),
        new("L2 only (weight_decay=1e-3)", false, false, 1e-3),
        new("Dropout only (rate=0.4)", true, false, 0),
        new("Dropout + L2 combined", true, false, 1e-3),
        new("BatchNorm only", false, true, 0),
        new("BatchNorm + light L2 (no dropout)", false, true, 5e-4),
    ];

    /// <summary>
    /// Runs the six rows on <paramref name="stack"/>; with <paramref name="decayTwins"/> also the weight-decay rows'
    /// twins without decay. <paramref name="epochs"/> only shortens tests.
    /// </summary>
    public static RegularisationTableResult Run(IStack stack, bool decayTwins = true, int epochs = Epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        var generator = new TorchGenerator(Seed);
        var data = FourClassData.Create(generator);
        var trainLoader = new DataLoader(data.TrainInputs, data.TrainLabels, TrainBatchSize, shuffle: true, generator: generator);
        var validationLoader = new DataLoader(data.ValidationInputs, data.ValidationLabels, ValidationBatchSize, generator: generator);
        var rows = new List<TableRowResult>();
        var twins = new Dictionary<string, TableRowResult>();
        foreach (var configuration in Configurations)
        {
            TorchGeneratorState before = generator.SaveState();
            rows.Add(RunRow(stack, generator, configuration, trainLoader, validationLoader, epochs));
            if (decayTwins && configuration.WeightDecay != 0)
            {
                TorchGeneratorState after = generator.SaveState();
                generator.RestoreState(before);
                twins[configuration.Name] = RunRow(stack, generator, configuration with { WeightDecay = 0 }, trainLoader,
                    validationLoader, epochs);
                generator.RestoreState(after);
            }
        }
        return new RegularisationTableResult(epochs, rows, twins);
    }

    /// <summary>
    /// <c>build_model(use_dropout, use_batchnorm, 0.4)</c>: <c>Linear(50, 128), [BatchNorm1d(128)], ReLU, [Dropout],
    /// Linear(128, 64), [BatchNorm1d(64)], ReLU, [Dropout], Linear(64, 4)</c>. Dropout is added only without BatchNorm,
    /// as the document's builder does unless <paramref name="allowDropoutWithBatchNorm"/> lifts that guard.
    /// </summary>
    public static IModule BuildModel(IStack stack, TorchGenerator generator, bool useDropout, bool useBatchNorm,
        double dropoutRate = DropoutRate, bool allowDropoutWithBatchNorm = false)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return stack.Sequential(BuildLayers(stack, generator, useDropout, useBatchNorm, dropoutRate, allowDropoutWithBatchNorm));
    }

    /// <summary>The layers <see cref="BuildModel"/> chains, for experiments that look inside the model.</summary>
    public static IModule[] BuildLayers(IStack stack, TorchGenerator generator, bool useDropout, bool useBatchNorm,
        double dropoutRate = DropoutRate, bool allowDropoutWithBatchNorm = false)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(generator);
        bool dropout = useDropout && (!useBatchNorm || allowDropoutWithBatchNorm);
        var layers = new List<IModule> { stack.Linear(FourClassData.Features, 128, generator) };
        if (useBatchNorm) layers.Add(stack.BatchNorm1d(128));
        layers.Add(stack.ReLU());
        if (dropout) layers.Add(stack.Dropout(dropoutRate, generator));
        layers.Add(stack.Linear(128, 64, generator));
        if (useBatchNorm) layers.Add(stack.BatchNorm1d(64));
        layers.Add(stack.ReLU());
        if (dropout) layers.Add(stack.Dropout(dropoutRate, generator));
        layers.Add(stack.Linear(64, FourClassData.Classes, generator));
        return layers.ToArray();
    }

    /// <summary><c>run_experiment(name, build_model(…), weight_decay)</c>: builds, trains and evaluates one row.</summary>
    public static TableRowResult RunRow(IStack stack, TorchGenerator generator, TableConfiguration configuration,
        DataLoader trainLoader, DataLoader validationLoader, int epochs = Epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(configuration);
        IModule model = BuildModel(stack, generator, configuration.UseDropout, configuration.UseBatchNorm);
        return TrainAndEvaluate(stack, model, configuration, trainLoader, validationLoader, epochs);
    }

    /// <summary>The body of <c>run_experiment</c> for an already built model.</summary>
    public static TableRowResult TrainAndEvaluate(IStack stack, IModule model, TableConfiguration configuration,
        DataLoader trainLoader, DataLoader validationLoader, int epochs = Epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(trainLoader);
        ArgumentNullException.ThrowIfNull(validationLoader);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        var optimizer = stack.AdamW(model.Parameters(), lr: LearningRate, weightDecay: configuration.WeightDecay);
        var loss = stack.CrossEntropyLoss();
        var losses = new float[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            losses[epoch] = Trainer.MiniBatchEpoch(model, loss, optimizer, trainLoader);
        }
        float train = Trainer.EvaluateMulticlassAccuracy(model, trainLoader);
        float validation = Trainer.EvaluateMulticlassAccuracy(model, validationLoader);
        return new TableRowResult(configuration, train, validation, Metrics.Gap(train, validation), losses);
    }
}
