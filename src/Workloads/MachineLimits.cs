namespace Verification.Workloads;

/// <summary>
/// This machine's two roofs, calibrated in the run that uses them: the float32 FMA peak (<see cref="FmaPeak"/>) and the
/// copy bandwidth (<see cref="CopyBandwidth"/>), each on one thread and on <see cref="Threads"/> threads, at the
/// instruction-set level <see cref="Level"/>. A workload's share of its limit is its rate divided by the roof at its thread
/// count, so targets are machine-independent fractions, never times measured elsewhere.
/// </summary>
public sealed record MachineLimits(string Level, int VectorBits, int Cores, int Threads, double PeakGflops1, double PeakGflopsN,
    double BandwidthGBs1, double BandwidthGBsN)
{
    /// <summary>
    /// Measures both roofs on 1 and on <paramref name="threads"/> threads, spending about <paramref name="secondsEach"/> on each of
    /// the (up to) four measurements, copying <paramref name="copyBytes"/> bytes.
    /// </summary>
    public static MachineLimits Calibrate(int threads, double secondsEach, int copyBytes = CopyBandwidth.DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        double peak1 = FmaPeak.MeasureGflops(1, secondsEach);
        double peakN = threads == 1 ? peak1 : FmaPeak.MeasureGflops(threads, secondsEach);
        double bandwidth1 = CopyBandwidth.MeasureGBs(1, secondsEach, copyBytes);
        double bandwidthN = threads == 1 ? bandwidth1 : CopyBandwidth.MeasureGBs(threads, secondsEach, copyBytes);
        return new MachineLimits(InstructionSetLevel.Current, 32 * FmaPeak.Lanes, Environment.ProcessorCount, threads,
            peak1, peakN, bandwidth1, bandwidthN);
    }

    /// <summary>The FMA peak in GFLOP/s on <paramref name="threads"/> threads (1 or <see cref="Threads"/>).</summary>
    public double PeakGflops(int threads) => threads == 1 ? PeakGflops1 : PeakGflopsN;

    /// <summary>The copy bandwidth in GB/s on <paramref name="threads"/> threads (1 or <see cref="Threads"/>).</summary>
    public double BandwidthGBs(int threads) => threads == 1 ? BandwidthGBs1 : BandwidthGBsN;

    /// <summary>
    /// A rate's share of the roof of <paramref name="bound"/> on <paramref name="threads"/> threads: GFLOP/s ÷ peak for compute,
    /// GB/s ÷ bandwidth for memory; null when the workload has no count for that roof or the time is unknown.
    /// </summary>
    public double? Share(WorkloadBound bound, double flops, double bytes, double medianMs, int threads)
    {
        if (double.IsNaN(medianMs) || !(medianMs > 0))
        {
            return null;
        }
        return bound == WorkloadBound.Compute
            ? flops > 0 ? flops / (medianMs * 1e6) / PeakGflops(threads) : null
            : bytes > 0 ? bytes / (medianMs * 1e6) / BandwidthGBs(threads) : null;
    }
}
