using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;

namespace Verification.Workloads;

/// <summary>The convolution workloads of <see cref="WorkloadCatalog"/>: the digits CNN's training epoch and one large Conv2d.</summary>
public static class ConvWorkloads
{
    /// <summary>The batch, channels and side of <see cref="Conv2dForwardBackward"/>'s input, and its output channels.</summary>
    public const int Batch = 64, InChannels = 32, Side = 32, OutChannels = 64;

    /// <summary>
    /// One training epoch of the digits CNN (<see cref="CnnDigitsScript"/>, no dropout): DataLoader's shuffled order, 16
    /// batches of 64 (the last of 40), forward, cross-entropy, backward and an Adam step each. Each run continues training the
    /// same model, as epochs do.
    /// </summary>
    public static Workload DigitsEpoch(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var data = DigitsData.Load();
        var generator = new TorchGenerator(0);
        var model = CnnDigitsScript.BuildModel(stack, generator, ConvDropout.None, 0);
        var loader = new DataLoader(data.TrainImages, data.TrainLabels, 64, shuffle: true, generator: generator);
        var optimizer = stack.Adam(model.Parameters(), lr: 1e-3);
        var loss = stack.CrossEntropyLoss();
        return new Workload("conv_digits_epoch", () => Trainer.MiniBatchEpoch(model, loss, optimizer, loader), DigitsEpochFlops);
    }

    /// <summary>
    /// Product flops of one digits epoch: per image, Conv2d(1→8, 3×3) on 8×8 is 8·64·9 multiply-adds, Conv2d(8→16, 3×3) on
    /// 4×4 is 16·16·72 and Linear(64→10) 640; forward, ∂W and ∂x (this stack computes the first layer's ∂x too) each cost
    /// that, so 2 flops × 3 × (4,608 + 18,432 + 640) × 1,000 images = 142,080,000.
    /// </summary>
    public const double DigitsEpochFlops = 2.0 * 3 * (8 * 64 * 9 + 16 * 16 * 72 + 64 * 10) * DigitsData.TrainCount;

    /// <summary>
    /// Conv2d(32 → 64, 3×3, padding 1) forward and backward on a (64, 32, 32, 32) input: the size at which a convolution is
    /// one large product (im2col: 65,536 output positions × 288 taps × 64 channels).
    /// </summary>
    public static Workload Conv2dForwardBackward(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var generator = new TorchGenerator(0);
        IModule layer = stack.Conv2d(InChannels, OutChannels, 3, generator, padding: 1);
        Tensor x = generator.Rand(Batch, InChannels, Side, Side);
        Tensor gradOutput = generator.Rand(Batch, OutChannels, Side, Side);
        void Run()
        {
            layer.Forward(x);
            layer.Backward(gradOutput);
        }
        return new Workload("conv2d_fwd_bwd", Run, Conv2dFlops, WorkloadBound.Compute, Conv2dBytes);
    }

    /// <summary>
    /// Forward, ∂W and ∂x are each N·C_out·H·W·C_in·9 multiply-adds: 2 × 3 × 64·64·32·32·32·9 = 7,247,757,312 flops.
    /// </summary>
    public const double Conv2dFlops = 2.0 * 3 * Batch * OutChannels * Side * Side * InChannels * 9;

    /// <summary>
    /// Bytes read and written at least: x and ∂x (N·C_in·H·W each), y and ∂y (N·C_out·H·W each), W and ∂W (C_out·C_in·9
    /// each), b and ∂b, 4 bytes each.
    /// </summary>
    public const double Conv2dBytes = sizeof(float) *
        (2.0 * Batch * InChannels * Side * Side + 2.0 * Batch * OutChannels * Side * Side + 2.0 * OutChannels * InChannels * 9 + 2.0 * OutChannels);
}
