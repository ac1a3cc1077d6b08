using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>After the first steps, a whole training step (forward, loss, backward, optimizer) allocates nothing.</summary>
public class AllocationTests
{
    [Fact]
    public void A_training_step_allocates_nothing_after_warm_up()
    {
        // The benchmark's network (784→512→512→10, ReLU, Dropout(0.5), cross-entropy, Adam) with a smaller batch for speed.
        const int batch = 32;
        var g = new TorchGenerator(42);
        IStack s = new OptimizedStack();
        var model = s.Sequential(
            s.Linear(784, 512, g), s.ReLU(), s.Dropout(0.5, g),
            s.Linear(512, 512, g), s.ReLU(), s.Dropout(0.5, g),
            s.Linear(512, 10, g));
        var loss = s.CrossEntropyLoss();
        var optimizer = s.Adam(model.Parameters(), 1e-3);
        var x = g.Randn(batch, 784);
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
}
