using BenchmarkDotNet.Running;
using Verification;
using Verification.Optimized;
using Verification.Workloads;

// `dotnet run -c Release -- quick [seconds] [threads]` runs the stopwatch QuickBench (a few seconds per workload);
// anything else goes to BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "quick")
{
    double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2.0;
    if (args.Length > 2)
    {
        Parallelism.MaxDegreeOfParallelism = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    }
    var rows = QuickBench.Run(Stacks.Reference, Stacks.Optimized, seconds, args.Length > 3 ? args[3..] : null);
    Console.WriteLine($"threads: {Parallelism.MaxDegreeOfParallelism}");
    Console.Write(QuickBench.Format(rows));
    return;
}

// `dotnet run -c Release -- kernels [threads]` times each product layout alone (GFLOP/s by wall and by CPU time).
if (args.Length > 0 && args[0] == "kernels")
{
    if (args.Length > 1)
    {
        Parallelism.MaxDegreeOfParallelism = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
    }
    Verification.Benchmarks.KernelTimings.Print();
    Verification.Benchmarks.KernelTimings.PrintDropoutParts();
    return;
}

// `dotnet run -c Release -- gemmshare [rounds]` times the large Linear's products as shares of the FMA peak (one thread).
if (args.Length > 0 && args[0] == "gemmshare")
{
    Verification.Benchmarks.GemmShareTimings.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

// `dotnet run -c Release -- layerparts [rounds]` times each step of the large Linear's forward+backward (one thread).
if (args.Length > 0 && args[0] == "layerparts")
{
    Verification.Benchmarks.LayerPartsTimings.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

// `dotnet run -c Release -- digits [rounds]` times the digits CNN's epoch on the Optimized stack by thread CPU time (one thread).
if (args.Length > 0 && args[0] == "digits")
{
    Parallelism.MaxDegreeOfParallelism = 1;
    Verification.Benchmarks.DigitsEpochTimings.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}

// `dotnet run -c Release -- fused` times each fused kernel at every vector width this processor has, and the product per path (one thread).
if (args.Length > 0 && args[0] == "fused")
{
    Parallelism.MaxDegreeOfParallelism = 1;
    Verification.Benchmarks.FusedKernelTimings.Print();
    return;
}

// `dotnet run -c Release -- seedparts [workloads|mlp]` times each piece of seed000_experiment's epoch, or the two short workloads alone (one thread).
if (args.Length > 0 && args[0] == "seedparts")
{
    Parallelism.MaxDegreeOfParallelism = 1;
    if (args.Length > 1 && args[1] == "workloads")
    {
        Verification.Benchmarks.Seed000Parts.PrintWorkloads();
        return;
    }
    if (args.Length > 1 && args[1] == "mlp")
    {
        Verification.Benchmarks.Seed000Parts.PrintMlp();
        return;
    }
    Verification.Benchmarks.Seed000Parts.Print();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Verification.Benchmarks.WorkloadBenchmark).Assembly).Run(args);
