using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Optimized;

namespace Verification.Benchmarks;

/// <summary>
/// The digits CNN's training epoch (bench's conv_digits_epoch) on the Optimized stack alone, timed by the thread's CPU
/// time, so that two builds can be compared in alternating processes on a machine other work is using.
/// </summary>
internal static class DigitsEpochTimings
{
    public static void Print(int rounds)
    {
        var data = DigitsData.Load();
        var generator = new TorchGenerator(0);
        IStack stack = new OptimizedStack();
        var model = CnnDigitsScript.BuildModel(stack, generator, ConvDropout.None, 0);
        var loader = new DataLoader(data.TrainImages, data.TrainLabels, 64, shuffle: true, generator: generator);
        var optimizer = stack.Adam(model.Parameters(), lr: 1e-3);
        var loss = stack.CrossEntropyLoss();
        Trainer.MiniBatchEpoch(model, loss, optimizer, loader);
        var times = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            double start = GemmShareTimings.ThreadCpuSeconds();
            Trainer.MiniBatchEpoch(model, loss, optimizer, loader);
            times.Add((GemmShareTimings.ThreadCpuSeconds() - start) * 1e3);
        }
        times.Sort();
        Console.WriteLine($"conv_digits_epoch (Optimized, 1 thread): median {times[rounds / 2]:F2} ms, " +
            $"best {times[0]:F2} ms of thread CPU time ({rounds} epochs)");
    }
}
