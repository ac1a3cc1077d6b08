using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Verification.Optimized;
using Verification.Workloads;

namespace Verification.Benchmarks;

/// <summary>
/// Each class times one workload of <see cref="WorkloadCatalog"/> for both stacks, the Reference as the baseline, so BDN's
/// Ratio column is Optimized/Reference. In-process, because the assembly name (Verification.Benchmarks) differs from the
/// project file's (Benchmarks.csproj), which BenchmarkDotNet's default out-of-process toolchain cannot resolve.
/// The job is short on purpose (one launch, 1 warm-up, 3–5 measured iterations, one invocation per iteration): the
/// Reference takes seconds per run on the large workloads, and the whole suite should finish in a few minutes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public abstract class WorkloadBenchmark
{
    private Workload _optimized = null!, _reference = null!;

    /// <summary>The workload's name in <see cref="WorkloadCatalog.Names"/>.</summary>
    protected abstract string WorkloadName { get; }

    [GlobalSetup]
    public void Setup()
    {
        _optimized = WorkloadCatalog.Create(WorkloadName, Stacks.Optimized);
        _reference = WorkloadCatalog.Create(WorkloadName, Stacks.Reference);
    }

    [Benchmark(Baseline = true)]
    public void Reference() => _reference.Run();

    [Benchmark]
    public void Optimized() => _optimized.Run();
}

/// <summary>The one job every workload runs: in-process, one launch, one warm-up, five measured single invocations.</summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("short"));
    }
}

/// <summary>seed000_experiment: two 100-epoch full-batch Adam trainings of 20→256→256→1 (PyTorch: 181 ms on 1 thread).</summary>
public class Seed000Experiment : WorkloadBenchmark
{
    protected override string WorkloadName => "seed000_experiment";
}

/// <summary>mlp784_step: one training step, batch 128, 784→512→512→10 (PyTorch: 15.4 ms on 1 thread, 6.1 ms on 2).</summary>
public class Mlp784Step : WorkloadBenchmark
{
    protected override string WorkloadName => "mlp784_step";
}

/// <summary>dropout16M_train: Dropout(0.5) forward on 16,777,216 floats (PyTorch: 560 ms on 1 thread, 478 ms on 2).</summary>
public class Dropout16MTrain : WorkloadBenchmark
{
    protected override string WorkloadName => "dropout16M_train";
}

/// <summary>dropout2d_train: Dropout2d(0.5) forward on (64, 256, 32, 32) (PyTorch: 178 ms on 1 thread, 111 ms on 2).</summary>
public class Dropout2dTrain : WorkloadBenchmark
{
    protected override string WorkloadName => "dropout2d_train";
}

/// <summary>linear_fwd_bwd 60×256→256 (PyTorch: 0.31 ms on 1 thread, 0.27 ms on 2).</summary>
public class LinearForwardBackwardSmall : WorkloadBenchmark
{
    protected override string WorkloadName => "linear_fwd_bwd_60x256x256";
}

/// <summary>linear_fwd_bwd 256×1024→1024 (PyTorch: 18.0 ms on 1 thread, 10.8 ms on 2).</summary>
public class LinearForwardBackwardLarge : WorkloadBenchmark
{
    protected override string WorkloadName => "linear_fwd_bwd_256x1024x1024";
}

/// <summary>conv_digits_epoch: one training epoch of the digits CNN (16 batches of 64 8×8 digits, Adam).</summary>
public class ConvDigitsEpoch : WorkloadBenchmark
{
    protected override string WorkloadName => "conv_digits_epoch";
}

/// <summary>conv2d_fwd_bwd: Conv2d(32 → 64, 3×3, padding 1) forward and backward on (64, 32, 32, 32).</summary>
public class Conv2dForwardBackward : WorkloadBenchmark
{
    protected override string WorkloadName => "conv2d_fwd_bwd";
}
