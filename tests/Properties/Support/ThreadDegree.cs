using Verification.Optimized;

namespace Verification.Properties.Support;

/// <summary>
/// Runs code with the kernels allowed <c>degree</c> threads (<see cref="Parallelism.MaxDegreeOfParallelism"/>, a
/// process-wide setting: only tests in a collection that runs alone may use it), and puts the previous degree back
/// whatever happens.
/// </summary>
public static class ThreadDegree
{
    /// <summary>The result of <paramref name="run"/> with <paramref name="degree"/> threads allowed.</summary>
    public static T At<T>(int degree, Func<T> run)
    {
        int saved = Parallelism.MaxDegreeOfParallelism;
        Parallelism.MaxDegreeOfParallelism = degree;
        try
        {
            return run();
        }
        finally
        {
            Parallelism.MaxDegreeOfParallelism = saved;
        }
    }

    /// <summary><paramref name="run"/> with <paramref name="degree"/> threads allowed.</summary>
    public static void At(int degree, Action run) => At(degree, () =>
    {
        run();
        return 0;
    });
}
