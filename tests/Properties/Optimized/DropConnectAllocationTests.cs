using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>
/// After warm-up, DropConnect's forward and backward allocate nothing, in training and in eval. The batch of 4 and the
/// 10 outputs are a shape the product cannot pack from W's rows, so the transposed weight copy is in use and must be
/// kept between calls.
/// </summary>
public class DropConnectAllocationTests
{
    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1.0, true)]
    [InlineData(0.5, false)]
    public void Forward_and_backward_allocate_nothing_after_warm_up(double p, bool training)
    {
        var g = new TorchGenerator(42);
        var layer = new DropConnect(20, 10, p, g);
        layer.SetTraining(training);
        Tensor x = g.Randn(4, 20), upstream = g.Randn(4, 10);

        void Step()
        {
            layer.Forward(x);
            layer.Backward(upstream);
        }

        for (int i = 0; i < 3; i++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"five DropConnect steps (p {p}, training {training}) allocated {allocated} bytes after warm-up.");
    }
}
