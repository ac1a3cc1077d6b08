namespace Verification.Optimized;

/// <summary>
/// How many cores the kernels may use. Work is always cut into the same fixed pieces (decided by the
/// shape, never by this setting), so results are bit-for-bit the same whatever the degree.
/// </summary>
public static class Parallelism
{
    private static int _maxDegree = Environment.ProcessorCount;

    /// <summary>
    /// Largest number of threads a kernel uses (default <see cref="Environment.ProcessorCount"/>); 1 runs everything on
    /// the caller. The kernels use at most two (the caller and one helper), sized for this project's 2-core machines.
    /// </summary>
    public static int MaxDegreeOfParallelism
    {
        get => _maxDegree;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"the degree of parallelism must be at least 1, got {value}.");
            }
            _maxDegree = value;
        }
    }
}

/// <summary>Work cut into a fixed number of independent pieces (decided by the shape, never by the thread count).</summary>
internal interface IPiecewiseJob
{
    /// <summary>How many pieces.</summary>
    int Pieces { get; }

    /// <summary>Does piece <paramref name="piece"/>; pieces touch disjoint outputs.</summary>
    void Execute(int piece);
}

/// <summary>
/// One persistent helper thread that shares a job's pieces with the caller. Pieces are claimed one at a time, so if the
/// helper is late (asleep, or descheduled on a busy machine) the caller simply does more of them and never waits for
/// a piece nobody has started; it waits only for a piece the helper is in the middle of. The helper spins for a
/// while between jobs (waking costs well under a microsecond, against about 4 µs for <c>Parallel.For</c>) and then
/// sleeps on an event. Nothing is allocated per job. Which thread does which piece changes nothing in the results.
/// </summary>
internal static class HelperThread
{
    private const int SpinIterations = 500;
    private static readonly object Gate = new();
    private static readonly ManualResetEventSlim Wake = new(false, spinCount: 1);
    private static Thread? _thread;
    private static IPiecewiseJob? _job;
    private static int _pieces;
    // High 32 bits: the job's generation; low 32 bits: the next unclaimed piece. One CAS both claims a piece and
    // proves the claim belongs to the job currently published.
    private static long _claim;
    private static int _completed;
    private static Exception? _failure;

    public static void Run(IPiecewiseJob job)
    {
        int pieces = job.Pieces;
        if (pieces < 2 || Parallelism.MaxDegreeOfParallelism < 2 || Environment.ProcessorCount < 2 || !Monitor.TryEnter(Gate))
        {
            for (int i = 0; i < pieces; i++)
            {
                job.Execute(i);
            }
            return;
        }
        try
        {
            EnsureStarted();
            long generation = (Volatile.Read(ref _claim) >> 32) + 1;
            _job = job;
            _pieces = pieces;
            _failure = null;
            Volatile.Write(ref _completed, 0);
            Volatile.Write(ref _claim, generation << 32);
            Wake.Set();
            Work(generation);
            var spin = new SpinWait();
            while (Volatile.Read(ref _completed) < pieces)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            _job = null;
            if (_failure is Exception failure)
            {
                throw new AggregateException("a piece of a job shared with the helper thread failed.", failure);
            }
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    /// <summary>Claims and runs pieces of the job of <paramref name="generation"/> until none is left.</summary>
    private static void Work(long generation)
    {
        while (true)
        {
            long seen = Volatile.Read(ref _claim);
            if (seen >> 32 != generation)
            {
                return;
            }
            IPiecewiseJob? job = _job;
            int pieces = _pieces;
            int piece = (int)(seen & 0xFFFFFFFF);
            if (job is null || piece >= pieces)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _claim, seen + 1, seen) != seen)
            {
                continue;
            }
            try
            {
                job.Execute(piece);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            finally
            {
                Interlocked.Increment(ref _completed);
            }
        }
    }

    private static void EnsureStarted()
    {
        if (_thread is not null)
        {
            return;
        }
        _thread = new Thread(Loop) { IsBackground = true, Name = "Verification.Optimized helper" };
        _thread.Start();
    }

    private static void Loop()
    {
        long seen = 0;
        while (true)
        {
            int spins = 0;
            while (Volatile.Read(ref _claim) >> 32 == seen && spins < SpinIterations)
            {
                Thread.SpinWait(20);
                spins++;
            }
            if (Volatile.Read(ref _claim) >> 32 == seen)
            {
                Wake.Reset();
                // Re-check after Reset so a Set that came before it is not lost.
                if (Volatile.Read(ref _claim) >> 32 == seen)
                {
                    Wake.Wait();
                }
                continue;
            }
            seen = Volatile.Read(ref _claim) >> 32;
            Work(seen);
        }
    }
}
