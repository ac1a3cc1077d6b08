namespace Verification.Workloads;

/// <summary>Which of this machine's limits a workload is judged against (the roofline's two roofs).</summary>
public enum WorkloadBound
{
    /// <summary>Matrix products dominate: its GFLOP/s is compared with the calibrated float32 FMA peak.</summary>
    Compute,

    /// <summary>A streaming pass over buffers larger than the caches: its GB/s is compared with the calibrated copy bandwidth.</summary>
    Memory,
}
