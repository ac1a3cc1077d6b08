namespace Verification.Workloads;

/// <summary>One timed piece of work, built once for a stack; <see cref="Run"/> is what is timed.</summary>
public sealed class Workload
{
    private readonly Action _run;

    /// <summary>A workload named <paramref name="name"/> doing <paramref name="productFlops"/> floating-point operations in matrix products per
    /// run.</summary>
    public Workload(string name, Action run, double productFlops)
    {
        Name = name;
        _run = run;
        ProductFlops = productFlops;
    }

    /// <summary>The workload's name as in docs/performance.md.</summary>
    public string Name { get; }

    /// <summary>Multiply-adds × 2 in the matrix products of one run (0 when there is no product).</summary>
    public double ProductFlops { get; }

    /// <summary>Does the work once.</summary>
    public void Run() => _run();
}
