using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Reliability;

/// <summary>
/// A run of document 000's experiment (000_467f5e23d3be4dee.txt, the dropout model: Adam, BCEWithLogits, full batch,
/// dropout masks drawn from the script's generator) stopped after epoch 37, saved with <see cref="TrainingCheckpoint"/>,
/// and resumed in fresh objects must report exactly the losses and accuracies of the run that never stopped.
/// </summary>
public class ResumeTests
{
    private const int StopEpoch = 37;
    private const int MoreEpochs = 10;

    /// <summary>The experiment's objects: what a script holds between epochs.</summary>
    private sealed record Run(TorchGenerator Generator, OverfittingDataset Data, IModule Model, IStatefulOptimizer Optimizer, ILoss Loss);

    /// <summary>
    /// Draws as the document's script does: data, the model without dropout (its initialisation only), then the dropout
    /// model, all from one generator that the dropout layers keep drawing their masks from.
    /// </summary>
    private static Run Start(IStack stack, OverfittingScript.Settings settings, ulong seed)
    {
        var generator = new TorchGenerator(seed);
        var data = OverfittingData.Create(generator);
        OverfittingScript.BuildModel(stack, generator, settings, dropout: false);
        var model = OverfittingScript.BuildModel(stack, generator, settings, dropout: true);
        var optimizer = (IStatefulOptimizer)stack.Adam(model.Parameters(), lr: settings.LearningRate);
        return new Run(generator, data, model, optimizer, stack.BCEWithLogitsLoss());
    }

    private static List<EpochRecord> Train(Run run, int firstEpoch, int epochs)
    {
        var records = new List<EpochRecord>();
        for (int epoch = firstEpoch; epoch < firstEpoch + epochs; epoch++)
        {
            records.Add(Trainer.FullBatchEpoch(epoch, run.Model, run.Loss, run.Optimizer,
                run.Data.TrainInputs, run.Data.TrainTargets, run.Data.ValidationInputs, run.Data.ValidationTargets));
        }
        return records;
    }

    /// <summary>
    /// The optimized stack runs the document's network at its real width (256); the reference stack, whose scalar
    /// loops run 10–50x slower under coverage, runs the same network with hidden width 32.
    /// </summary>
    public static TheoryData<string, int> Cases() => new() { { "optimized", 256 }, { "reference", 32 } };

    /// <summary>
    /// One run trains 37 epochs, is saved, and goes on for <see cref="MoreEpochs"/> more without ever stopping (saving
    /// only reads: the file's bytes are the same before and after, so the run is the uninterrupted one); fresh objects
    /// load the file and train the same epochs.
    /// </summary>
    private static (List<EpochRecord> Uninterrupted, List<EpochRecord> Resumed) StopAndResume(
        string stackName, int hidden, Action<Run>? afterLoad = null)
    {
        IStack stack = Stacks.ByName(stackName);
        var settings = new OverfittingScript.Settings(Hidden: hidden);
        string folder = Directory.CreateTempSubdirectory("resume").FullName;
        try
        {
            string path = Path.Combine(folder, "epoch37.safetensors");
            var run = Start(stack, settings, settings.Seed);
            Train(run, 1, StopEpoch);
            TrainingCheckpoint.Save(path, run.Model, run.Optimizer, run.Generator);
            byte[] saved = File.ReadAllBytes(path);
            byte[] again = SafeTensorsFile.Serialize(TrainingCheckpoint.Entries(run.Model, run.Optimizer, run.Generator),
                SafeTensorsFile.Read(path).Metadata);
            Assert.True(saved.AsSpan().SequenceEqual(again), "saving changed the state it saved");
            List<EpochRecord> uninterrupted = Train(run, StopEpoch + 1, MoreEpochs);

            // Fresh objects from another seed: nothing of the first run survives but the file (and the data, which the
            // script would draw again from its seed).
            var resumed = Start(stack, settings, seed: 7) with { Data = OverfittingData.Create(new TorchGenerator(settings.Seed)) };
            TrainingCheckpoint.Load(path, resumed.Model, resumed.Optimizer, resumed.Generator);
            afterLoad?.Invoke(resumed);
            return (uninterrupted, Train(resumed, StopEpoch + 1, MoreEpochs));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_run_resumed_from_epoch_37_continues_bit_identically(string stackName, int hidden)
    {
        var (uninterrupted, resumed) = StopAndResume(stackName, hidden);

        Assert.Equal(MoreEpochs, resumed.Count);
        for (int i = 0; i < MoreEpochs; i++)
        {
            var (want, got) = (uninterrupted[i], resumed[i]);
            Assert.True(want == got,
                $"{stackName}: epoch {want.Epoch}: uninterrupted loss {want.TrainLoss:R} acc {want.TrainAccuracy}/{want.ValidationAccuracy}, " +
                $"resumed loss {got.TrainLoss:R} acc {got.TrainAccuracy}/{got.ValidationAccuracy}");
        }
    }

    [Fact]
    public void A_resume_that_skips_the_generator_state_draws_other_masks_and_diverges()
    {
        // Guards the test above: the generator is the part of the state a model checkpoint alone would lose.
        var (uninterrupted, resumed) = StopAndResume("optimized", 32,
            run => run.Generator.ManualSeed(7));

        Assert.NotEqual(uninterrupted[0].TrainLoss, resumed[0].TrainLoss);
    }

    [Fact]
    public void A_resume_that_skips_the_optimizer_state_diverges()
    {
        var (uninterrupted, resumed) = StopAndResume("optimized", 32,
            run => run.Optimizer.LoadState(new OptimizerState(0, run.Optimizer.SaveState().Tensors
                .Select(t => new NamedBuffer(t.Name, new Tensor(t.Value.Shape))).ToArray())));

        // The first resumed loss is computed before the first step, so it still agrees; the step after it does not.
        Assert.Equal(uninterrupted[0].TrainLoss, resumed[0].TrainLoss);
        Assert.NotEqual(uninterrupted[1].TrainLoss, resumed[1].TrainLoss);
    }
}
