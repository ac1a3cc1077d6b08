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
}
