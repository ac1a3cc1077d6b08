namespace Verification.Workloads;

/// <summary>One timed piece of work, built once for a stack; <see cref="Run"/> is what is timed.</summary>
public sealed class Workload
{
    private readonly Action _run;

    /// <summary>
    /// A workload named <paramref name="name"/> doing <paramref name="productFlops"/> floating-point operations in matrix products
    /// and moving <paramref name="bytesMoved"/> bytes (read + written) per run, judged against <paramref name="bound"/>'s limit.
    /// </summary>
    public Workload(string name, Action run, double productFlops, WorkloadBound bound = WorkloadBound.Compute, double bytesMoved = 0)
    {
        Name = name;
        _run = run;
        ProductFlops = productFlops;
        Bound = bound;
        BytesMoved = bytesMoved;
    }

    /// <summary>The workload's name as in docs/performance.md.</summary>
    public string Name { get; }

    /// <summary>Multiply-adds × 2 in the matrix products of one run (0 when there is no product).</summary>
    public double ProductFlops { get; }

    /// <summary>Bytes the run must read and write at least (its inputs once, its outputs once); 0 when not counted.</summary>
    public double BytesMoved { get; }

    /// <summary>The limit this workload is judged against.</summary>
    public WorkloadBound Bound { get; }

    /// <summary>Does the work once.</summary>
    public void Run() => _run();
}
