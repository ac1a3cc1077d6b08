using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>After the first steps, a convolutional network's training step allocates nothing on the Optimized stack.</summary>
public class ConvAllocationTests
{
    [Fact]
    public void A_convolutional_training_step_allocates_nothing_after_warm_up()
    {
        // Every new layer once: padded, grouped, strided and pointwise convolutions, BatchNorm2d, both pools, Flatten.
        const int batch = 8;
        var g = new TorchGenerator(42);
        IStack s = new OptimizedStack();
        var model = s.Sequential(
            s.Conv2d(1, 8, 3, g, padding: 1), s.BatchNorm2d(8), s.ReLU(), s.MaxPool2d(2),
            s.Conv2d(8, 8, 3, g, padding: 1, groups: 2), s.ReLU(), s.Conv2d(8, 6, 1, g), s.AvgPool2d(2, stride: 1),
            s.Conv2d(6, 4, 2, g, stride: 2, dilation: 1), s.Flatten(), s.Linear(16, 10, g));
        var loss = s.CrossEntropyLoss();
        var optimizer = s.Adam(model.Parameters(), 1e-3);
        var x = g.Randn(batch, 1, 10, 10);
        var target = new Tensor(batch);
        for (int i = 0; i < batch; i++) target[i] = i % 10;

        void Step()
        {
            optimizer.ZeroGrad();
            var logits = model.Forward(x);
            loss.Forward(logits, target);
            model.Backward(loss.Backward());
            optimizer.Step();
        }

        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"five training steps allocated {allocated} bytes after warm-up; expected none.");
    }

    [Fact]
    public void Alternating_a_full_and_a_short_batch_reuses_the_buffers_of_both_sizes()
    {
        // An epoch whose last batch is short (1,000 samples in batches of 64 end with 40) switches every layer's shape
        // twice: each switch takes the buffers the other size left rather than allocating new ones. What a switch still
        // allocates (the spare's bookkeeping, shape arrays, the loss's softmax) stays below one layer's output buffer
        // (the first convolution's: 8·8·8·8 floats, 16 KB); reallocating every buffer came to several times that.
        var g = new TorchGenerator(7);
        IStack s = new OptimizedStack();
        var model = s.Sequential(
            s.Conv2d(1, 8, 3, g, padding: 1), s.ReLU(), s.MaxPool2d(2), s.Conv2d(8, 4, 3, g, padding: 1), s.ReLU(),
            s.AvgPool2d(2), s.Flatten(), s.Linear(16, 10, g));
        var loss = s.CrossEntropyLoss();
        var optimizer = s.Adam(model.Parameters(), 1e-3);
        Tensor full = g.Randn(8, 1, 8, 8), shortBatch = g.Randn(5, 1, 8, 8);
        Tensor fullTarget = new Tensor(8), shortTarget = new Tensor(5);
        for (int i = 0; i < 8; i++) fullTarget[i] = i % 10;
        for (int i = 0; i < 5; i++) shortTarget[i] = (i + 3) % 10;

        void Step(Tensor x, Tensor target)
        {
            optimizer.ZeroGrad();
            var logits = model.Forward(x);
            loss.Forward(logits, target);
            model.Backward(loss.Backward());
            optimizer.Step();
        }

        Step(full, fullTarget);
        Step(shortBatch, shortTarget);
        Step(full, fullTarget);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            Step(shortBatch, shortTarget);
            Step(full, fullTarget);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        const int switches = 6, firstOutputBytes = 8 * 8 * 8 * 8 * sizeof(float);
        Assert.True(allocated < switches * firstOutputBytes,
            $"six batch-size switches allocated {allocated} bytes after both sizes were seen; expected under {switches * firstOutputBytes}.");
    }
}
