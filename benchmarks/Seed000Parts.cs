using System.Diagnostics;
using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;

namespace Verification.Benchmarks;

/// <summary>Where seed000_experiment's time goes: each layer's forward and backward, the loss, ZeroGrad, Adam, model construction (µs per call,
/// median).</summary>
public static class Seed000Parts
{
    public static void Print()
    {
        var stack = Stacks.Optimized;
        var g = new TorchGenerator(42);
        Tensor x = g.Randn(60, 20);
        var y = new Tensor(60, 1);
        for (int i = 0; i < 60; i++) y[i] = x[i, 0] + 0.5f * x[i, 1] > 0 ? 1f : 0f;
        IModule[] layers = [stack.Linear(20, 256, g), stack.ReLU(), stack.Dropout(0.4, g), stack.Linear(256, 256, g), stack.ReLU(),
            stack.Dropout(0.4, g), stack.Linear(256, 1, g)];
        string[] names = ["Linear 20→256", "ReLU", "Dropout", "Linear 256→256", "ReLU", "Dropout", "Linear 256→1"];
        IModule model = stack.Sequential(layers);
        var optimizer = stack.Adam(model.Parameters(), 5e-4);
        var loss = stack.BCEWithLogitsLoss();
        var fwd = new List<double>[layers.Length];
        var bwd = new List<double>[layers.Length];
        for (int i = 0; i < layers.Length; i++) { fwd[i] = []; bwd[i] = []; }
        List<double> lossT = [], zeroT = [], stepT = [], buildT = [], epochT = [];
        var acts = new Tensor[layers.Length + 1];
        for (int rep = 0; rep < 3000; rep++)
        {
            long e0 = Stopwatch.GetTimestamp();
            acts[0] = x;
            for (int i = 0; i < layers.Length; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                acts[i + 1] = layers[i].Forward(acts[i]);
                fwd[i].Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            }
            long t1 = Stopwatch.GetTimestamp();
            loss.Forward(acts[^1], y);
            Tensor grad = loss.Backward();
            lossT.Add(Stopwatch.GetElapsedTime(t1).TotalMicroseconds);
            t1 = Stopwatch.GetTimestamp();
            optimizer.ZeroGrad();
            zeroT.Add(Stopwatch.GetElapsedTime(t1).TotalMicroseconds);
            for (int i = layers.Length - 1; i >= 0; i--)
            {
                long t0 = Stopwatch.GetTimestamp();
                grad = layers[i].Backward(grad);
                bwd[i].Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            }
            t1 = Stopwatch.GetTimestamp();
            optimizer.Step();
            stepT.Add(Stopwatch.GetElapsedTime(t1).TotalMicroseconds);
            epochT.Add(Stopwatch.GetElapsedTime(e0).TotalMicroseconds);
        }
        for (int rep = 0; rep < 50; rep++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var gg = new TorchGenerator(1);
            IModule m = stack.Sequential(stack.Linear(20, 256, gg), stack.ReLU(), stack.Linear(256, 256, gg), stack.ReLU(), stack.Linear(256, 1, gg));
            stack.Adam(m.Parameters(), 5e-4);
            buildT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        List<double> uniT = [], linT = [], adamT = [], seqT = [];
        var buf = new float[65536];
        for (int rep = 0; rep < 50; rep++)
        {
            var gg = new TorchGenerator(1);
            long t0 = Stopwatch.GetTimestamp();
            gg.Uniform(buf, -0.1, 0.1);
            uniT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            t0 = Stopwatch.GetTimestamp();
            var lin = stack.Linear(256, 256, gg);
            linT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            t0 = Stopwatch.GetTimestamp();
            var seq = stack.Sequential(lin, stack.ReLU());
            seqT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            t0 = Stopwatch.GetTimestamp();
            stack.Adam(seq.Parameters(), 5e-4);
            adamT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        Console.WriteLine(FormattableString.Invariant(
            $"uniform 64k {Median(uniT):F1} µs, Linear(256,256) {Median(linT):F1}, Sequential {Median(seqT):F1}, Adam {Median(adamT):F1}"));
        Console.WriteLine("| part | forward µs | backward µs |");
        Console.WriteLine("| --- | ---: | ---: |");
        for (int i = 0; i < layers.Length; i++)
        {
            Console.WriteLine(FormattableString.Invariant($"| {names[i]} | {Median(fwd[i]):F2} | {Median(bwd[i]):F2} |"));
        }
        Console.WriteLine(FormattableString.Invariant($"| BCE forward+backward | {Median(lossT):F2} | |"));
        Console.WriteLine(FormattableString.Invariant($"| ZeroGrad | {Median(zeroT):F2} | |"));
        Console.WriteLine(FormattableString.Invariant($"| Adam step | {Median(stepT):F2} | |"));
        Console.WriteLine(FormattableString.Invariant($"| whole epoch (dropout model) | {Median(epochT):F2} | |"));
        Console.WriteLine(FormattableString.Invariant($"| build 20→256→256→1 + Adam | {Median(buildT):F2} | |"));
    }

    /// <summary>mlp784_step's pieces: each layer's forward and backward, the loss, ZeroGrad and Adam (µs per call, median).</summary>
    public static void PrintMlp()
    {
        var stack = Stacks.Optimized;
        var g = new TorchGenerator(0);
        IModule[] layers = [stack.Linear(784, 512, g), stack.ReLU(), stack.Dropout(0.5, g), stack.Linear(512, 512, g), stack.ReLU(),
            stack.Dropout(0.5, g), stack.Linear(512, 10, g)];
        string[] names = ["Linear 784→512", "ReLU", "Dropout", "Linear 512→512", "ReLU", "Dropout", "Linear 512→10"];
        var optimizer = stack.Adam(stack.Sequential(layers).Parameters(), 1e-3);
        var loss = stack.CrossEntropyLoss();
        Tensor x = g.Randn(128, 784);
        var target = new Tensor(128);
        for (int i = 0; i < 128; i++) target[i] = i % 10;
        var fwd = new List<double>[layers.Length];
        var bwd = new List<double>[layers.Length];
        for (int i = 0; i < layers.Length; i++) { fwd[i] = []; bwd[i] = []; }
        List<double> lossT = [], zeroT = [], stepT = [];
        var acts = new Tensor[layers.Length + 1];
        for (int rep = 0; rep < 600; rep++)
        {
            long t1 = Stopwatch.GetTimestamp();
            optimizer.ZeroGrad();
            zeroT.Add(Stopwatch.GetElapsedTime(t1).TotalMicroseconds);
            acts[0] = x;
            for (int i = 0; i < layers.Length; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                acts[i + 1] = layers[i].Forward(acts[i]);
                fwd[i].Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            }
            t1 = Stopwatch.GetTimestamp();
            loss.Forward(acts[^1], target);
            Tensor grad = loss.Backward();
            lossT.Add(Stopwatch.GetElapsedTime(t1).TotalMicroseconds);
            for (int i = layers.Length - 1; i >= 0; i--)
            {
                long t0 = Stopwatch.GetTimestamp();
                grad = layers[i].Backward(grad);
                bwd[i].Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            }
            t1 = Stopwatch.GetTimestamp();
            optimizer.Step();
            stepT.Add(Stopwatch.GetElapsedTime(t1).TotalMicroseconds);
        }
        var src = new float[512 * 784];
        var dst = new float[512 * 784];
        var prod = new float[128 * 512];
        List<double> trT = [], nnT = [];
        for (int rep = 0; rep < 300; rep++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Gemm.Transpose(src, dst, 512, 784);
            trT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            t0 = Stopwatch.GetTimestamp();
            Gemm.MultiplyNN(x.Data, dst, prod, 128, 784, 512, false);
            nnT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        Console.WriteLine(FormattableString.Invariant($"transpose 512×784: {Median(trT):F1} µs; NN 128×784×512 right after: {Median(nnT):F1} µs"));
        var gOut = new float[128 * 512];
        var xIn = new float[128 * 784];
        var dW = new float[512 * 784];
        var dX = new float[128 * 784];
        List<double> tnT = [], nn2T = [];
        for (int rep = 0; rep < 300; rep++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Gemm.MultiplyTN(gOut, xIn, dW, 512, 128, 784, true);
            tnT.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            t0 = Stopwatch.GetTimestamp();
            Gemm.MultiplyNN(gOut, dW, dX, 128, 512, 784, false);
            nn2T.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        Console.WriteLine(FormattableString.Invariant(
            $"∂W TN 512×128×784: {Median(tnT):F1} µs; ∂x NN 128×512×784: {Median(nn2T):F1} µs (each 102.8 MFLOP)"));
        Console.WriteLine("| part | forward µs | backward µs |");
        Console.WriteLine("| --- | ---: | ---: |");
        for (int i = 0; i < layers.Length; i++)
        {
            Console.WriteLine(FormattableString.Invariant($"| {names[i]} | {Median(fwd[i]):F2} | {Median(bwd[i]):F2} |"));
        }
        Console.WriteLine(FormattableString.Invariant($"| CrossEntropy forward+backward | {Median(lossT):F2} | |"));
        Console.WriteLine(FormattableString.Invariant($"| ZeroGrad | {Median(zeroT):F2} | |"));
        Console.WriteLine(FormattableString.Invariant($"| Adam step | {Median(stepT):F2} | |"));
    }

    /// <summary>The two workloads alone, Optimized only (median ms of repeated runs), for before/after runs side by side.</summary>
    public static void PrintWorkloads()
    {
        foreach (var (name, reps) in new[] { ("seed000_experiment", 30), ("mlp784_step", 400) })
        {
            var workload = Verification.Workloads.WorkloadCatalog.Create(name, Stacks.Optimized);
            for (int i = 0; i < 3; i++) workload.Run();
            var times = new List<double>();
            for (int i = 0; i < reps; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                workload.Run();
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(FormattableString.Invariant($"{name}: median {times[reps / 2]:F3} ms, best {times[0]:F3} ms"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Skip(values.Count / 3).ToList();
        sorted.Sort();
        return sorted[sorted.Count / 2];
    }
}
