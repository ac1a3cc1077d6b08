using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Training;

namespace Verification.Experiments.Document002;

/// <summary>
/// One trained BatchNorm model and what its second BatchNorm sees at eval time. <see cref="VarianceRatios"/> holds, for
/// each of that layer's 64 features, <c>Var_eval / running_var</c>: the variance of its input over the validation set in
/// eval mode (unbiased, as running_var is) divided by the running variance it learned in training. 1 means the
/// statistics it normalises with describe what it is given; below 1, training-time dropout inflated them.
/// </summary>
public sealed record BatchNormShiftRun(double DropoutRate, float[] VarianceRatios, double MeanRatio, float ValidationAccuracy, float TrainAccuracy);

/// <summary>The dropout-before-BatchNorm model and its dropout-free control, both from the same initial weights.</summary>
public sealed record BatchNormVarianceShiftResult(BatchNormShiftRun WithDropout, BatchNormShiftRun Control);

/// <summary>
/// The variance-shift claim of 002_91f9a1e79ea80b56.txt (dropout ahead of a BatchNorm makes the running statistics
/// describe a noisier signal than the one seen at eval). The document prints no experiment, so this one uses its
/// table's set-up (<c>manual_seed(0)</c>, the four-class data and loaders, AdamW lr 1e-3 without decay, 60 epochs) and
/// its <c>build_model(use_dropout=True, use_batchnorm=True)</c> with the guard against the combination lifted:
/// <c>Linear(50, 128), BatchNorm1d, ReLU, Dropout(0.4), Linear(128, 64), BatchNorm1d, ReLU, Dropout(0.4), Linear(64, 4)</c>.
/// The control is the same builder at rate 0 ("BatchNorm only"). Both start from the generator state right after the
/// loaders are made, so their initial weights and shuffles are identical.
/// </summary>
public static class BatchNormVarianceShift
{
    /// <summary>The dropout rate of the document's builder.</summary>
    public const double Rate = RegularisationTable.DropoutRate;

    /// <summary>Trains both models on <paramref name="stack"/>; <paramref name="epochs"/> only shortens tests.</summary>
    public static BatchNormVarianceShiftResult Run(IStack stack, int epochs = RegularisationTable.Epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        var generator = new TorchGenerator(RegularisationTable.Seed);
        var data = FourClassData.Create(generator);
        var trainLoader = new DataLoader(data.TrainInputs, data.TrainLabels, RegularisationTable.TrainBatchSize, shuffle: true, generator: generator);
        var validationLoader = new DataLoader(
            data.ValidationInputs, data.ValidationLabels, RegularisationTable.ValidationBatchSize, generator: generator);
        TorchGeneratorState start = generator.SaveState();
        var withDropout = RunOne(stack, generator, Rate, data, trainLoader, validationLoader, epochs);
        generator.RestoreState(start);
        var control = RunOne(stack, generator, 0, data, trainLoader, validationLoader, epochs);
        return new BatchNormVarianceShiftResult(withDropout, control);
    }

    private static BatchNormShiftRun RunOne(IStack stack, TorchGenerator generator, double rate, FourClassDataset data,
        DataLoader trainLoader, DataLoader validationLoader, int epochs)
    {
        IModule[] layers = RegularisationTable.BuildLayers(stack, generator, useDropout: rate > 0, useBatchNorm: true,
            dropoutRate: rate, allowDropoutWithBatchNorm: true);
        IModule model = stack.Sequential(layers);
        var configuration = new TableConfiguration($"BatchNorm + Dropout({rate})", rate > 0, true, 0);
        var row = RegularisationTable.TrainAndEvaluate(stack, model, configuration, trainLoader, validationLoader, epochs);

        // The second BatchNorm1d(64) and everything before it.
        int secondNorm = Array.FindLastIndex(layers, l => l.NamedBuffers().Any(b => b.Name == "running_var"));
        model.SetTraining(false);
        Tensor x = data.ValidationInputs;
        for (int i = 0; i < secondNorm; i++) x = layers[i].Forward(x);
        Tensor runningVar = layers[secondNorm].NamedBuffers().Single(b => b.Name == "running_var").Value;
        float[] ratios = VarianceRatios(x, runningVar);
        double mean = 0;
        foreach (float r in ratios) mean += r;
        return new BatchNormShiftRun(rate, ratios, mean / ratios.Length, row.ValidationAccuracy, row.TrainAccuracy);
    }

    /// <summary>
    /// For <c>x: (N, F)</c> and <c>runningVar: (F)</c>, per feature the unbiased variance of column f over the N rows
    /// divided by <c>runningVar[f]</c>. Accumulated in double: a two-pass variance over 600 rows, a summary not a layer.
    /// </summary>
    public static float[] VarianceRatios(Tensor x, Tensor runningVar)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(runningVar);
        Shapes.RequireRank(x, 2, nameof(x), "variance ratios");
        int rows = x.Size(0), features = x.Size(1);
        if (rows < 2)
        {
            throw new ArgumentException($"an unbiased variance needs at least 2 rows, but got x of shape {x.ShapeText}.", nameof(x));
        }
        if (runningVar.Length != features)
        {
            throw new ArgumentException($"running_var of shape {runningVar.ShapeText} does not match x of shape {x.ShapeText}.", nameof(runningVar));
        }
        var ratios = new float[features];
        for (int f = 0; f < features; f++)
        {
            double mean = 0;
            for (int n = 0; n < rows; n++) mean += x.Data[n * features + f];
            mean /= rows;
            double squares = 0;
            for (int n = 0; n < rows; n++)
            {
                double d = x.Data[n * features + f] - mean;
                squares += d * d;
            }
            ratios[f] = (float)(squares / (rows - 1) / runningVar.Data[f]);
        }
        return ratios;
    }
}
