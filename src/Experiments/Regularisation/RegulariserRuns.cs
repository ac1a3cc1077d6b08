using System.Collections.Concurrent;
using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Penalties;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// One arm trained on one seed: accuracies after training (eval mode), the epochs it trained, the sum of its squared
/// weights (the matrices L2 penalises), and its validation accuracy every <see cref="RegulariserRuns.CurveEvery"/>
/// epochs (an early-stopped arm keeps its restored accuracy to the end of the curve).
/// </summary>
public sealed record ArmRun(ulong Seed, float TrainAccuracy, float ValidationAccuracy, int EpochsTrained, double SquaredWeights,
    double[] ValidationCurve);

/// <summary>
/// Document 000's overfitting problem re-run over seeds, one <see cref="RegulariserArm"/> at a time. Per seed:
/// <c>manual_seed(seed)</c>; the document's data (60 training and 400 validation samples, drawn as its script draws);
/// then 200 more samples with the same label rule, held out for early stopping alone (so stopping never sees the 400
/// that judge it); then the network's initialisation. Every arm of a seed starts from that generator state, so all
/// arms of a seed share data and initial weights, and a difference between two arms on one seed is the regulariser's
/// alone (paired comparison); dropout masks come from the generator after the initialisation. 250 full-batch epochs of
/// Adam (lr 5e-4), as the document, through <see cref="Trainer.Fit"/> (whose early stopping serves the arms that stop).
/// Runs are deterministic and cached per stack, arm and seed: several claim sets share them.
/// </summary>
public static class RegulariserRuns
{
    /// <summary>The seeds every claim set of this folder measures over: the document's 42 and the next four.</summary>
    public static IReadOnlyList<ulong> Seeds { get; } = [42, 43, 44, 45, 46];

    /// <summary>The size of the held-out set early stopping watches.</summary>
    public const int StoppingCount = 200;

    /// <summary>Validation accuracy is recorded for the curves every this many epochs (and after the last).</summary>
    public const int CurveEvery = 25;

    private static readonly ConcurrentDictionary<(string Stack, RegulariserArm Arm, ulong Seed, int Epochs), Lazy<ArmRun>> Cache = new();

    /// <summary>The document's epoch count.</summary>
    public static int Epochs => new OverfittingScript.Settings().Epochs;

    /// <summary>How every arm of this folder is trained, for the rows' notes.</summary>
    public static string Setup =>
        $"Document 000's problem (60 training, 400 validation samples, 20→256→256→1, Adam lr 5e-4, full batch, " +
        $"{RegulariserRuns.Epochs} epochs) on seeds {RegulariserRuns.Seeds[0]}–{RegulariserRuns.Seeds[^1]}, every arm of a " +
        $"seed from the same data and initial weights; accuracies are mean ± sd over the seeds. L2 is the explicit penalty " +
        $"λ·Σw² (λ = {Judge.Number(RegulariserArm.DocumentLambda, 3)}, weight matrices); early stopping watches the BCE loss on " +
        $"{RegulariserRuns.StoppingCount} extra held-out samples (patience {RegulariserArm.DocumentPatience}, best weights restored). ";

    /// <summary>
    /// Every arm of <paramref name="arms"/> on every seed, each arm's runs in seed order. The runs not yet cached are
    /// trained in parallel: each has its own generator, data and modules, and the stacks' kernels give the same bits on
    /// any thread, so the results do not depend on the scheduling.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ArmRun>> Over(IStack stack, IReadOnlyList<RegulariserArm> arms)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(arms);
        var pairs = arms.SelectMany(arm => Seeds.Select(seed => (arm, seed))).ToArray();
        Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p => For(stack, p.arm, p.seed));
        return arms.Select(arm => Over(stack, arm)).ToArray();
    }

    /// <summary><paramref name="arm"/> on every seed of <see cref="Seeds"/>, in order.</summary>
    public static IReadOnlyList<ArmRun> Over(IStack stack, RegulariserArm arm) => Seeds.Select(s => For(stack, arm, s)).ToArray();

    /// <summary><paramref name="arm"/> on <paramref name="seed"/> (computed on first use); <paramref name="epochs"/> only shortens tests.</summary>
    public static ArmRun For(IStack stack, RegulariserArm arm, ulong seed, int? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(arm);
        int count = epochs ?? Epochs;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(epochs));
        return Cache.GetOrAdd((stack.Name, arm, seed, count), key => new Lazy<ArmRun>(() => Train(stack, arm, seed, count))).Value;
    }

    /// <summary>
    /// The network of <paramref name="arm"/>: <c>Linear(20, 256), act, [Dropout(p₁)], Linear(256, 256), act, [Dropout(p₂)],
    /// Linear(256, 1)</c>, each dropout before its activation instead when the arm says so; Linear layers draw their
    /// weights then biases in that order, dropout layers draw nothing when built.
    /// </summary>
    public static IModule BuildModel(IStack stack, TorchGenerator generator, RegulariserArm arm, bool bias = true)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(arm);
        int hidden = new OverfittingScript.Settings().Hidden;
        var layers = new List<IModule>();
        AddBlock(layers, stack, generator, arm, stack.Linear(OverfittingData.Features, hidden, generator, bias), arm.FirstDropout);
        AddBlock(layers, stack, generator, arm, stack.Linear(hidden, hidden, generator, bias), arm.SecondDropout);
        layers.Add(stack.Linear(hidden, 1, generator, bias));
        return stack.Sequential(layers.ToArray());
    }

    /// <summary>The document's data, then the held-out stopping set, drawn from <paramref name="generator"/> (seeded by the caller).</summary>
    public static (OverfittingDataset Data, Tensor StoppingInputs, Tensor StoppingTargets) Draw(TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var data = OverfittingData.Create(generator);
        Tensor stopping = generator.Randn(StoppingCount, OverfittingData.Features);
        return (data, stopping, OverfittingData.Labels(stopping));
    }

    private static void AddBlock(List<IModule> layers, IStack stack, TorchGenerator generator, RegulariserArm arm, IModule linear, double p)
    {
        layers.Add(linear);
        IModule activation = arm.Activation == HiddenActivation.Tanh ? stack.Tanh() : stack.ReLU();
        bool before = arm.Placement == DropoutPlacement.BeforeActivation;
        if (p > 0 && before) layers.Add(stack.Dropout(p, generator));
        layers.Add(activation);
        if (p > 0 && !before) layers.Add(stack.Dropout(p, generator));
    }

    private static ArmRun Train(IStack stack, RegulariserArm arm, ulong seed, int epochs)
    {
        var generator = new TorchGenerator(seed);
        var (data, stoppingInputs, stoppingTargets) = Draw(generator);
        IModule model = BuildModel(stack, generator, arm);
        double lr = new OverfittingScript.Settings().LearningRate;
        IOptimizer optimizer = arm.AdamWDecay > 0
            ? stack.AdamW(model.Parameters(), lr: lr, weightDecay: arm.AdamWDecay)
            : stack.Adam(model.Parameters(), lr: lr);
        ILoss loss = stack.BCEWithLogitsLoss();
        L2Penalty? penalty = arm.L2Lambda > 0 ? new L2Penalty(arm.L2Lambda) : null;
        EarlyStopping? stopping = arm.StopsEarly ? new EarlyStopping(arm.Patience) : null;
        var curve = new List<double>();
        FitResult fit = Trainer.Fit(model, epochs, epoch =>
        {
            // The accuracy after epoch `epoch` (counted from 1) when it is a curve epoch, taken as the next epoch begins: only
            // a run that went on past that epoch records it, and a run that stopped ends its curve on its restored weights.
            if (epoch > 0 && epoch % CurveEvery == 0)
            {
                curve.Add(Trainer.EvaluateBinaryAccuracy(model, data.ValidationInputs, data.ValidationTargets));
            }
            model.SetTraining(true);
            float trainLoss = loss.Forward(model.Forward(data.TrainInputs), data.TrainTargets);
            optimizer.ZeroGrad();
            model.Backward(loss.Backward());
            penalty?.AddGradient(model);
            optimizer.Step();
            // Only the loss early stopping watches is measured every epoch (on its own held-out set); the accuracies are
            // measured for the curve alone, every CurveEvery epochs, so the epoch's record leaves them unmeasured (NaN).
            float? stoppingLoss = stopping is null ? null : Trainer.EvaluateLoss(model, loss, stoppingInputs, stoppingTargets);
            return new EpochRecord(epoch, trainLoss, float.NaN, float.NaN, stoppingLoss);
        }, stopping);
        if (stopping is { Stopped: false, BestEpoch: >= 0 })
        {
            // Training ran out of epochs before patience did: the arm still ends on its best epoch's weights.
            stopping.RestoreBest(model);
        }
        float validation = Trainer.EvaluateBinaryAccuracy(model, data.ValidationInputs, data.ValidationTargets);
        while (curve.Count < epochs / CurveEvery)
        {
            curve.Add(validation);
        }
        float train = Trainer.EvaluateBinaryAccuracy(model, data.TrainInputs, data.TrainTargets);
        return new ArmRun(seed, train, validation, fit.EpochsRun, SquaredWeights(model), curve.ToArray());
    }

    private static double SquaredWeights(IModule model)
    {
        double sum = 0; // tens of thousands of squares: double keeps the sum independent of their order
        foreach (Parameter weight in PenalisedWeights.Of(model))
        {
            foreach (float w in weight.Value.Data) sum += (double)w * w;
        }
        return sum;
    }
}
