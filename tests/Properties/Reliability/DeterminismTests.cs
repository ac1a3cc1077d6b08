using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Reliability;

/// <summary>
/// The same seed gives the same run: whatever the kernels' thread count, whichever stack draws the dropout masks, and
/// however often it is repeated. (Value agreement of Optimized with Reference is the cross-checks' business; this is
/// only about randomness and scheduling.)
/// </summary>
[Collection(ProcessWideSettings.Name)]
public class DeterminismTests
{
    /// <summary>The masks of <paramref name="steps"/> training passes of a dropout layer over ones (0 = dropped).</summary>
    private static (bool[][] Masks, MersenneTwisterState After) Masks(IStack stack, bool channels, double p, int[] shape, ulong seed, int steps)
    {
        var generator = new TorchGenerator(seed);
        IModule dropout = channels ? stack.Dropout2d(p, generator) : stack.Dropout(p, generator);
        var masks = new bool[steps][];
        for (int s = 0; s < steps; s++)
        {
            Tensor y = dropout.Forward(Tensor.Ones(shape));
            masks[s] = y.Data.Select(v => v != 0f).ToArray();
        }
        return (masks, generator.Engine.SaveState());
    }

    private static Arbitrary<(ulong Seed, double P, int Rows, int Columns, int Steps)> MaskCases() =>
        (from seed in Gen.Choose(0, int.MaxValue)
         from p in Gen.Elements(0.0, 0.1, 0.15, 0.3, 0.4, 0.5, 0.7, 0.99, 1.0)
         from rows in Gen.Choose(1, 40)
         // Past one 512-element chunk, and across 64-bit mask words, with odd tails.
         from columns in Gen.OneOf(Gen.Choose(1, 70), Gen.Elements(63, 64, 65, 511, 512, 513))
         from steps in Gen.Choose(1, 3)
         select ((ulong)seed, p, rows, columns, steps)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Reference_and_optimized_dropout_draw_identical_masks_and_leave_the_generator_in_the_same_place() =>
        Prop.ForAll(MaskCases(), c =>
        {
            var reference = Masks(Stacks.ByName("reference"), false, c.P, [c.Rows, c.Columns], c.Seed, c.Steps);
            var optimized = Masks(Stacks.ByName("optimized"), false, c.P, [c.Rows, c.Columns], c.Seed, c.Steps);
            bool sameMasks = reference.Masks.Zip(optimized.Masks).All(m => m.First.SequenceEqual(m.Second));
            bool sameState = reference.After.Position == optimized.After.Position
                             && reference.After.Words.SequenceEqual(optimized.After.Words);
            return sameMasks.Label("masks").And(sameState.Label("generator state after the steps"));
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Reference_and_optimized_dropout2d_drop_the_same_channels() =>
        Prop.ForAll(MaskCases(), c =>
        {
            int[] shape = [c.Rows, 1 + c.Columns % 9, 3];
            var reference = Masks(Stacks.ByName("reference"), true, c.P, shape, c.Seed, c.Steps);
            var optimized = Masks(Stacks.ByName("optimized"), true, c.P, shape, c.Seed, c.Steps);
            bool sameMasks = reference.Masks.Zip(optimized.Masks).All(m => m.First.SequenceEqual(m.Second));
            bool sameState = reference.After.Position == optimized.After.Position
                             && reference.After.Words.SequenceEqual(optimized.After.Words);
            return sameMasks.Label("channel masks").And(sameState.Label("generator state after the steps"));
        });

    /// <summary>
    /// Three training steps of a network whose matrix products are large enough to be split between the caller and the
    /// helper thread (m·n·k ≥ <see cref="Gemm.ParallelThreshold"/>), with dropout and Adam; returns every loss and
    /// every parameter bit.
    /// </summary>
    private static (float[] Losses, float[] Parameters) ParallelSizedRun(int threads)
    {
        int before = Parallelism.MaxDegreeOfParallelism;
        try
        {
            Parallelism.MaxDegreeOfParallelism = threads;
            var stack = new OptimizedStack();
            var generator = new TorchGenerator(11);
            Tensor x = generator.Randn(256, 256);
            Tensor y = generator.Randn(256, 128);
            var model = stack.Sequential(stack.Linear(256, 256, generator), stack.ReLU(), stack.Dropout(0.4, generator),
                stack.Linear(256, 128, generator));
            var optimizer = stack.Adam(model.Parameters(), lr: 1e-3);
            var loss = stack.MSELoss();
            var losses = new float[3];
            for (int step = 0; step < losses.Length; step++)
            {
                losses[step] = Verification.Core.Training.Trainer.FullBatchStep(model, loss, optimizer, x, y);
            }
            return (losses, model.Parameters().SelectMany(p => p.Value.Data).ToArray());
        }
        finally
        {
            Parallelism.MaxDegreeOfParallelism = before;
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_on_one_thread_and_on_two()
    {
        Assert.True(256L * 256 * 128 >= Gemm.ParallelThreshold, "the products must be large enough to run on two threads");
        var one = ParallelSizedRun(threads: 1);
        var two = ParallelSizedRun(threads: 2);
        Assert.Equal(one.Losses.Select(BitConverter.SingleToInt32Bits), two.Losses.Select(BitConverter.SingleToInt32Bits));
        Assert.True(one.Parameters.AsSpan().SequenceEqual(two.Parameters), "parameters differ after three steps");
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void Document_000s_dropout_run_repeated_with_the_same_seed_is_bit_identical(string stackName)
    {
        // The document's network with hidden width 16 (its own is 256) and 8 epochs, to stay fast under coverage.
        var settings = new OverfittingScript.Settings(Epochs: 8, Hidden: 16);
        var first = OverfittingScript.TrainOne(Stacks.ByName(stackName), settings, withDropout: true);
        var second = OverfittingScript.TrainOne(Stacks.ByName(stackName), settings, withDropout: true);
        Assert.Equal(first.ToArray(), second.ToArray());
        var otherSeed = OverfittingScript.TrainOne(Stacks.ByName(stackName), settings with { Seed = 43 }, withDropout: true);
        Assert.NotEqual(first.Select(r => r.TrainLoss), otherSeed.Select(r => r.TrainLoss));
    }
}
