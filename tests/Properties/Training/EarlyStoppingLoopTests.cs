using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Training;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Training;

/// <summary>
/// Early stopping inside the training loop (<see cref="Trainer.Fit"/>), on real models of both stacks trained by SGD: the
/// run stops exactly <c>patience</c> epochs after the last improvement, the weights and buffers left in the model are the
/// best epoch's bit for bit, and a run whose validation loss improves every epoch never stops. The validation losses are
/// scripted (coarse values, so ties and near-ties are common) while the weights really train, so each epoch's weights differ.
/// </summary>
public class EarlyStoppingLoopTests
{
    /// <summary>A scripted run: validation losses, patience, min delta and the stack.</summary>
    public sealed record LoopRun(double[] Losses, int Patience, double MinDelta, string Stack)
    {
        /// <inheritdoc/>
        public override string ToString() =>
            $"{Stack}: patience {Patience}, minDelta {MinDelta}, losses [{string.Join(", ", Losses)}]";
    }

    /// <summary>Runs a training loop with early stopping (the real one, or a known-wrong one).</summary>
    public delegate FitResult LoopRunner(IModule model, int maxEpochs, Func<int, EpochRecord> runEpoch, int patience, double minDelta);

    private static readonly LoopRunner RealLoop = (model, epochs, run, patience, minDelta) =>
        Trainer.Fit(model, epochs, run, new EarlyStopping(patience, minDelta));

    private static Arbitrary<LoopRun> Runs(bool improving) =>
        (from length in Gen.Choose(1, 30)
         from steps in Gen.Choose(0, 20).ArrayOf(length)
         from patience in Gen.Choose(1, 6)
         from minDelta in Gen.Elements(0.0, 0.05, 0.1, 0.25)
         from stack in Gen.Elements("reference", "optimized")
         select new LoopRun(improving ? Improving(steps, minDelta) : steps.Select(s => s / 10.0).ToArray(), patience, minDelta, stack))
        .ToArbitrary();

    /// <summary>Losses that each beat the one before by more than <paramref name="minDelta"/>.</summary>
    private static double[] Improving(int[] steps, double minDelta)
    {
        var losses = new double[steps.Length];
        double loss = 100;
        for (int i = 0; i < steps.Length; i++) losses[i] = loss -= minDelta + 0.01 + steps[i] / 10.0;
        return losses;
    }

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property The_loop_stops_patience_epochs_after_the_last_improvement_with_the_best_epochs_weights_restored() =>
        Prop.ForAll(Runs(improving: false), run =>
        {
            string? failure = Check(RealLoop, run);
            Assert.True(failure is null, $"{run}: {failure}");
        });

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property A_run_that_improves_every_epoch_never_stops_and_keeps_its_last_weights() =>
        Prop.ForAll(Runs(improving: true), run =>
        {
            string? failure = Check(RealLoop, run);
            Assert.True(failure is null, $"{run}: {failure}");
        });

    [Fact]
    public void The_checks_reject_a_loop_that_stops_one_epoch_late() =>
        Assert.Contains("stopped after epoch", Check((m, e, r, patience, d) => Trainer.Fit(m, e, r, new EarlyStopping(patience + 1, d)),
            new LoopRun([1.0, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99], 2, 0, "reference")));

    [Fact]
    public void The_checks_reject_a_loop_that_stops_without_restoring_the_best_weights() =>
        Assert.Contains("the best epoch's", Check((m, e, r, patience, d) => Trainer.Fit(m, e, r, new EarlyStopping(patience, d, false)),
            new LoopRun([1.0, 0.9, 0.95, 0.96, 0.97], 2, 0, "optimized")));

    [Fact]
    public void The_checks_reject_a_loop_that_counts_patience_from_the_first_epoch()
    {
        // Stops after `patience` epochs whatever happened, and restores nothing: a "max epochs" in disguise.
        LoopRunner fromStart = (m, e, r, patience, d) => Trainer.Fit(m, Math.Min(e, patience), r);
        Assert.NotNull(Check(fromStart, new LoopRun([1.0, 0.9, 0.8, 0.7, 0.6], 2, 0, "reference")));
    }

    /// <summary>
    /// Trains a small model of <paramref name="run"/>'s stack (Linear, BatchNorm1d, Linear: parameters and running statistics)
    /// one SGD step an epoch under <paramref name="loop"/>, snapshotting every epoch's parameters and buffers, and compares
    /// the outcome with the rule restated in <see cref="EarlyStoppingTests.Expected"/>. Returns what went wrong, or null.
    /// </summary>
    private static string? Check(LoopRunner loop, LoopRun run)
    {
        IStack stack = Verification.Stacks.ByName(run.Stack);
        var generator = new TorchGenerator(17);
        IModule model = stack.Sequential(stack.Linear(3, 4, generator), stack.BatchNorm1d(4), stack.Linear(4, 1, generator));
        var loss = stack.MSELoss();
        var optimizer = stack.SGD(model.Parameters(), lr: 0.1);
        Tensor x = generator.Randn(8, 3), y = generator.Randn(8, 1);
        var snapshots = new List<float[][]>();
        FitResult result = loop(model, run.Losses.Length, epoch =>
        {
            float trainLoss = Trainer.FullBatchStep(model, loss, optimizer, x, y);
            snapshots.Add(State(model));
            return new EpochRecord(epoch, trainLoss, 0, 0, (float)run.Losses[epoch]);
        }, run.Patience, run.MinDelta);

        var (expectedStop, expectedBest) = EarlyStoppingTests.Expected(run.Losses.Select(l => (double)(float)l).ToArray(), run.Patience,
            run.MinDelta);
        if (result.StoppedAtEpoch != expectedStop)
        {
            return $"stopped after epoch {result.StoppedAtEpoch?.ToString() ?? "never"}, expected {expectedStop?.ToString() ?? "never"}";
        }
        if (result.EpochsRun != (expectedStop ?? run.Losses.Length - 1) + 1)
        {
            return $"ran {result.EpochsRun} epochs";
        }
        if (expectedStop is int stop && stop - expectedBest != run.Patience)
        {
            return $"stopped {stop - expectedBest} epochs after the last improvement (epoch {expectedBest}), not {run.Patience}";
        }
        int kept = expectedStop is null ? run.Losses.Length - 1 : expectedBest;
        float[][] state = State(model);
        for (int t = 0; t < state.Length; t++)
        {
            if (!state[t].AsSpan().SequenceEqual(snapshots[kept][t]))
            {
                return $"tensor {t} of the model is not the {(expectedStop is null ? "last" : "best")} epoch's ({kept}) bit for bit";
            }
        }
        return result.RestoredBestWeights == expectedStop is not null ? null : $"RestoredBestWeights is {result.RestoredBestWeights}";
    }

    private static float[][] State(IModule model) =>
        [.. model.NamedParameters().Select(p => p.Parameter.Value.Data.ToArray()), .. model.NamedBuffers().Select(b => b.Value.Data.ToArray())];

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void Full_batch_training_that_overfits_stops_early_and_the_restored_model_reproduces_its_best_validation_loss(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);
        var generator = new TorchGenerator(3);
        IModule model = stack.Sequential(stack.Linear(5, 32, generator), stack.ReLU(), stack.Linear(32, 1, generator));
        Tensor x = generator.Randn(24, 5), vx = generator.Randn(24, 5);
        Tensor y = Labels(generator, 24), vy = Labels(generator, 24);
        var loss = stack.BCEWithLogitsLoss();
        FitResult result = Trainer.FitFullBatch(model, loss, stack.Adam(model.Parameters(), lr: 0.05), x, y, vx, vy, 400,
            new EarlyStopping(patience: 10));
        Assert.True(result.StoppedEarly, "random labels must overfit and stop the run");
        Assert.Equal(result.BestEpoch + 10, result.StoppedAtEpoch);
        float restored = Trainer.EvaluateLoss(model, loss, vx, vy);
        Assert.Equal(result.History[result.BestEpoch!.Value].ValidationLoss, restored);
        Assert.Equal(result.History.Min(r => r.ValidationLoss), restored);
    }

    [Fact]
    public void Mini_batch_training_reports_multiclass_accuracies_and_restores_the_best_epoch()
    {
        IStack stack = Verification.Stacks.Optimized;
        var generator = new TorchGenerator(4);
        IModule model = stack.Sequential(stack.Linear(6, 16, generator), stack.ReLU(), stack.Linear(16, 3, generator));
        Tensor x = generator.Randn(30, 6), vx = generator.Randn(30, 6);
        Tensor y = Classes(generator, 30), vy = Classes(generator, 30);
        var loader = new DataLoader(x, y, batchSize: 10, shuffle: true, generator: generator);
        var loss = stack.CrossEntropyLoss();
        FitResult result = Trainer.FitMiniBatch(model, loss, stack.Adam(model.Parameters(), lr: 0.03), loader, x, y, vx, vy, 300,
            new EarlyStopping(patience: 5));
        Assert.True(result.StoppedEarly);
        Assert.All(result.History, r => Assert.InRange(r.TrainAccuracy, 0f, 1f));
        Assert.Equal(result.History[result.BestEpoch!.Value].ValidationLoss, Trainer.EvaluateLoss(model, loss, vx, vy));
    }

    [Fact]
    public void Without_early_stopping_every_epoch_runs_and_nothing_is_restored()
    {
        var result = Trainer.Fit(new TinyLinear([1f], 0f), 7, e => new EpochRecord(e, 0, 0, 0));
        Assert.Equal(7, result.EpochsRun);
        Assert.False(result.StoppedEarly);
        Assert.Null(result.BestEpoch);
        Assert.False(result.RestoredBestWeights);
    }

    [Fact]
    public void Bad_arguments_are_refused_before_any_epoch_runs()
    {
        int epochs = 0;
        Func<int, EpochRecord> count = e => new EpochRecord(e, epochs++, 0, 0);
        var model = new TinyLinear([1f], 0f);
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(model, 0, count));
        Assert.Contains("maxEpochs must be at least 1, but got 0", zero.Message);
        var used = new EarlyStopping(2);
        used.ShouldStop(1.0, model);
        var reused = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, 3, count, used));
        Assert.Equal("earlyStopping", reused.ParamName);
        Assert.Equal(0, epochs);
        var missing = Assert.Throws<InvalidOperationException>(() => Trainer.Fit(model, 3, count, new EarlyStopping(2)));
        Assert.Contains("epoch 0's record has no validation loss", missing.Message);
    }

    private static Tensor Labels(TorchGenerator generator, int n)
    {
        var t = new Tensor(n, 1);
        for (int i = 0; i < n; i++) t[i] = generator.Random() & 1;
        return t;
    }

    private static Tensor Classes(TorchGenerator generator, int n)
    {
        var t = new Tensor(n);
        for (int i = 0; i < n; i++) t[i] = generator.Random() % 3;
        return t;
    }
}
