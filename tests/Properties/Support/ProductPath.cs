using Verification.Optimized;

namespace Verification.Properties.Support;

/// <summary>
/// Runs code with the matrix products started on this thread held to one kernel (<see cref="Gemm.Path"/>), and puts
/// the previous path back whatever happens.
/// </summary>
public static class ProductPath
{
    /// <summary><paramref name="run"/> with the products on <paramref name="path"/>.</summary>
    public static void On(GemmPath path, Action run)
    {
        GemmPath saved = Gemm.Path;
        Gemm.Path = path;
        try
        {
            run();
        }
        finally
        {
            Gemm.Path = saved;
        }
    }
}
