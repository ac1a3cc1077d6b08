using Verification.Core;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.DropoutFamily;

/// <summary>The Optimized family reuses its output, gradient and mask buffers: after warm-up a step allocates nothing.</summary>
public class DropoutFamilyAllocationTests
{
    public static TheoryData<string, int[]> Layers() => new()
    {
        { "Dropout1d", [8, 16, 40] },
        { "Dropout3d", [4, 6, 3, 4, 5] },
        { "AlphaDropout", [32, 70] },
        { "FeatureAlphaDropout", [8, 16, 5, 5] },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_training_forward_and_backward_allocate_nothing_after_warm_up(string name, int[] shape)
    {
        IModule layer = FamilyTable.Row(name).Optimized(0.3, new TorchGenerator(1));
        Tensor x = new TorchGenerator(2).Randn(shape), g = new TorchGenerator(3).Randn(shape);
        for (int i = 0; i < 3; i++)
        {
            layer.Forward(x);
            layer.Backward(g);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            layer.Forward(x);
            layer.Backward(g);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"Optimized {name}: five steps allocated {allocated} bytes after warm-up; expected none.");
    }
}
