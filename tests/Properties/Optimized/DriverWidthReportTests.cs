using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Optimized;

/// <summary>
/// Each of <c>VectorDriver</c>'s four loops (Map, Zip, Masked, Update) reports the body it ran
/// (<see cref="KernelPaths.LastBodyBits"/>) itself: reached through a layer or optimizer whose only kernel it is, right
/// after a kernel that ran at another width, so a report left over from an earlier call cannot pass for it. Mutation
/// testing found the Zip, Masked and Update reports unchecked (docs/reliability.md §7).
/// </summary>
public class DriverWidthReportTests(ITestOutputHelper output)
{
    public static TheoryData<int> Widths() => [512, 256, 128, 0];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Every_driver_reports_the_width_it_ran_even_after_another_width(int width)
    {
        int expected = Math.Min(width, KernelPaths.HardwareBits);
        int other = expected == 0 ? KernelPaths.HardwareBits : 0;
        if (other == expected)
        {
            output.WriteLine($"width {width}: NOT RUN, this process has only the scalar body, so no other width can precede it");
            return;
        }
        if (expected != width) output.WriteLine($"width {width}: runs as {expected}, the widest this process accelerates");
        var x = new Tensor(Enumerable.Range(0, 100).Select(i => i * 0.01f - 0.5f).ToArray(), 100);
        var relu = new ReLU();
        var tanh = new Tanh();
        var dropout = new Dropout(0.5, new TorchGenerator(3));
        var parameter = new Parameter(new Tensor(100));
        parameter.Grad.Data.AsSpan().Fill(0.25f);
        var adam = new Adam([parameter]);
        var sgd = new SGD([parameter], lr: 0.1, momentum: 0.9);
        var batchNorm = new BatchNorm2d(2);
        var image = new Tensor(Enumerable.Range(0, 2 * 2 * 5 * 5).Select(i => i * 0.1f).ToArray(), 2, 2, 5, 5);
        KernelWidth.At(width, () => { relu.Forward(x); tanh.Forward(x); dropout.Forward(x); });
        foreach (var (driver, run) in new (string, Action)[]
        {
            ("Zip (ReLU backward)", () => relu.Backward(x)),
            ("Zip (Tanh backward)", () => tanh.Backward(x)),
            ("Masked (Dropout backward)", () => dropout.Backward(x)),
            ("Update (Adam step)", adam.Step),
            ("Update (SGD step)", sgd.Step),
            ("Map (BatchNorm2d forward, eval)", () => { batchNorm.SetTraining(false); batchNorm.Forward(image); }),
        })
        {
            KernelWidth.At(other, () => relu.Backward(x));
            Assert.Equal(other, KernelPaths.LastBodyBits);
            KernelWidth.At(width, run);
            Assert.True(KernelPaths.LastBodyBits == expected, $"{driver} at width {width} reported {KernelPaths.LastBodyBits}");
        }
    }
}
