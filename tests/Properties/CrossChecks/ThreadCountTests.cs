using Verification.Core;
using Verification.Properties.Support;
using Verification.Core.Random;
using Verification.Optimized;
using Xunit;

namespace Verification.Properties.CrossChecks;

/// <summary>Tests that change <see cref="Parallelism.MaxDegreeOfParallelism"/> run alone, so no other test sees the setting move.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCountCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "thread count";
}

/// <summary>
/// The Optimized stack gives bit-for-bit the same results with one thread and with two: products are cut into pieces
/// fixed by the shape alone (<see cref="Gemm"/>: column strips of 32, else row tiles of 8, at most 8 pieces), and each
/// piece computes its elements' fma chains whoever runs it. The shapes here reach <see cref="Gemm.ParallelThreshold"/>
/// (2²³ multiply-adds), below which a product never leaves the calling thread.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class ThreadCountTests
{
    [Theory]
    [InlineData(256, 1024, 1024)] // the large Linear: 32 column strips in 8 pieces
    [InlineData(100, 300, 300)]   // just past the threshold, ragged last strip (300 = 9·32 + 12)
    [InlineData(1, 8192, 1024)]   // a single row: exactly 2²³ multiply-adds, split by columns
    [InlineData(4096, 128, 16)]   // narrower than one strip: split by 8-row tiles
    [InlineData(2000, 64, 70)]    // tall, three strips
    public void Linear_forward_and_backward_are_bit_identical_with_one_and_two_threads(int batch, int inFeatures, int outFeatures)
    {
        Assert.True((long)batch * inFeatures * outFeatures >= Gemm.ParallelThreshold, "the shape must be large enough to split");
        Tensor x = CrossCheckGen.Randn(7, 1f, batch, inFeatures), g = CrossCheckGen.Randn(8, 1f, batch, outFeatures);
        Tensor[] Run()
        {
            var layer = new Linear(inFeatures, outFeatures, new TorchGenerator(3));
            Tensor y = layer.Forward(x).Clone();
            Tensor dx = layer.Backward(g).Clone();
            return [y, dx, layer.Weight.Grad, layer.Bias!.Grad];
        }
        var (one, two) = WithOneAndTwoThreads(Run);
        string[] names = ["y", "∂x", "∂W", "∂b"];
        for (int i = 0; i < names.Length; i++)
        {
            Compare.Exact(one[i], two[i], $"Linear({inFeatures}, {outFeatures}) on a batch of {batch}: {names[i]}, 1 thread against 2");
        }
    }

    [Fact]
    public void An_mlp784_training_step_is_bit_identical_with_one_and_two_threads()
    {
        // The benchmark's mlp784_step: 784→512→512→10, ReLU, Dropout(0.5), cross-entropy, Adam, batch 128; two steps.
        Tensor[] Run()
        {
            IStack s = new OptimizedStack();
            var gen = new TorchGenerator(0);
            var model = s.Sequential(
                s.Linear(784, 512, gen), s.ReLU(), s.Dropout(0.5, gen),
                s.Linear(512, 512, gen), s.ReLU(), s.Dropout(0.5, gen),
                s.Linear(512, 10, gen));
            var loss = s.CrossEntropyLoss();
            var optimizer = s.Adam(model.Parameters(), 1e-3);
            Tensor x = gen.Randn(128, 784);
            var target = new Tensor(128);
            for (int i = 0; i < 128; i++) target[i] = i % 10;
            var losses = new float[2];
            for (int step = 0; step < 2; step++)
            {
                optimizer.ZeroGrad();
                losses[step] = loss.Forward(model.Forward(x), target);
                model.Backward(loss.Backward());
                optimizer.Step();
            }
            return [Tensor.Vector(losses), .. model.Parameters().Select(p => p.Value.Clone())];
        }
        var (one, two) = WithOneAndTwoThreads(Run);
        Assert.Equal(one.Length, two.Length);
        for (int i = 0; i < one.Length; i++)
        {
            string what = i == 0 ? "mlp784: losses" : $"mlp784: parameter {i - 1} after two steps";
            Compare.Exact(one[i], two[i], what + ", 1 thread against 2");
        }
    }

    private static (T One, T Two) WithOneAndTwoThreads<T>(Func<T> run) => (ThreadDegree.At(1, run), ThreadDegree.At(2, run));
}
