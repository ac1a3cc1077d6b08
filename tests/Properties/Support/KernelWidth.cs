using Verification.Optimized;

namespace Verification.Properties.Support;

/// <summary>
/// Runs code with the fused kernels held to one vector width on this thread (<see cref="KernelPaths.Limit"/>: 512, 256,
/// 128 or 0 bits, null for the widest), and puts the previous limit back whatever happens.
/// </summary>
public static class KernelWidth
{
    /// <summary>The result of <paramref name="run"/> at width <paramref name="bits"/>.</summary>
    public static T At<T>(int? bits, Func<T> run)
    {
        int? saved = KernelPaths.Limit;
        KernelPaths.Limit = bits;
        try
        {
            return run();
        }
        finally
        {
            KernelPaths.Limit = saved;
        }
    }

    /// <summary><paramref name="run"/> at width <paramref name="bits"/>.</summary>
    public static void At(int? bits, Action run) => At(bits, () =>
    {
        run();
        return 0;
    });
}
