using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Optimized;
using Verification.Workloads;

namespace Verification.Benchmarks;

/// <summary>
/// Where the large Linear's forward+backward spends its time outside the products: the layer's steps replayed one by one
/// through the public kernels (bias broadcast, the three products, the ∂b column sums) on one thread, each timed by the
/// thread's CPU time (<see cref="GemmShareTimings.ThreadCpuSeconds"/>) and reported as a share of the whole step and, for the
/// products, of the FMA peak timed the same way. Run with <c>DOTNET_EnableAVX512=0</c> for the AVX2 path.
/// </summary>
public static class LayerPartsTimings
{
    public static void Print(int rounds)
    {
        Parallelism.MaxDegreeOfParallelism = 1;
        const int batch = 256, inputs = 1024, outputs = 1024;
        var rng = new Random(1);
        float[] x = Fill(rng, batch * inputs), w = Fill(rng, outputs * inputs), bias = Fill(rng, outputs);
        float[] g = Fill(rng, batch * outputs), y = new float[batch * outputs], dw = new float[outputs * inputs];
        float[] db = new float[outputs], dx = new float[batch * inputs];
        double productFlops = 2.0 * batch * inputs * outputs;
        var parts = new (string Name, Action Run, double Flops)[]
        {
            ("bias broadcast into y", () => { for (int r = 0; r < batch; r++) Array.Copy(bias, 0, y, r * outputs, outputs); }, 0),
            ("y += x·Wᵀ (NT, accumulate)", () => Gemm.MultiplyNT(x, w, y, batch, inputs, outputs, true, []), productFlops),
            ("∂W += gᵀ·x (TN)", () => Gemm.MultiplyTN(g, x, dw, outputs, batch, inputs, true), productFlops),
            ("∂b += Σ rows of g", () => ColumnSums(g, db, batch, outputs), 0),
            ("∂x = g·W (NN)", () => Gemm.MultiplyNN(g, w, dx, batch, outputs, inputs, false), productFlops),
        };
        Console.WriteLine($"path: {Gemm.Path}");
        for (int round = 0; round < rounds; round++)
        {
            double cpuPeak = GemmShareTimings.CpuPeak();
            var sums = new double[parts.Length];
            const int steps = 30;
            for (int step = 0; step < steps; step++)
            {
                for (int i = 0; i < parts.Length; i++)
                {
                    double t0 = GemmShareTimings.ThreadCpuSeconds();
                    parts[i].Run();
                    sums[i] += GemmShareTimings.ThreadCpuSeconds() - t0;
                }
            }
            double total = sums.Sum();
            Workload layer = WorkloadCatalog.Create("linear_fwd_bwd_256x1024x1024", Stacks.Optimized);
            layer.Run();
            double layerStart = GemmShareTimings.ThreadCpuSeconds();
            for (int step = 0; step < steps; step++)
            {
                layer.Run();
            }
            double layerSeconds = GemmShareTimings.ThreadCpuSeconds() - layerStart;
            double stepShare = 3 * productFlops * steps / total / 1e9 / cpuPeak;
            double layerShare = 3 * productFlops * steps / layerSeconds / 1e9 / cpuPeak;
            Console.WriteLine(FormattableString.Invariant(
                $"round {round + 1}: FMA peak {cpuPeak:F1} GFLOP/s (thread CPU time); steps replayed {total / steps * 1e3:F2} ms, ") +
                FormattableString.Invariant($"{stepShare:P1} of peak; the Linear workload {layerSeconds / steps * 1e3:F2} ms, {layerShare:P1}"));
            for (int i = 0; i < parts.Length; i++)
            {
                double ms = sums[i] / steps * 1e3;
                string share = parts[i].Flops > 0 ? FormattableString.Invariant($"  {parts[i].Flops / (ms * 1e6) / cpuPeak,6:P1} of peak") : "";
                Console.WriteLine(FormattableString.Invariant($"  {parts[i].Name,-30} {ms,7:F3} ms  {sums[i] / total,6:P1} of the step{share}"));
            }
        }
    }

    private static void ColumnSums(float[] g, float[] sums, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums.AsSpan(0, cols), g.AsSpan(r * cols, cols), sums.AsSpan(0, cols));
        }
    }

    private static float[] Fill(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)rng.NextDouble();
        return values;
    }
}
