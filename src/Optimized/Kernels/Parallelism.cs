namespace Verification.Optimized;

/// <summary>
/// How many cores the kernels may use. Work is always cut into the same fixed pieces (decided by the
/// shape, never by this setting), so results are bit-for-bit the same whatever the degree.
/// </summary>
public static class Parallelism
{
    private static int _maxDegree = Environment.ProcessorCount;

    /// <summary>Largest number of threads a kernel uses (default <see cref="Environment.ProcessorCount"/>); 1 runs everything on the caller.</summary>
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

/// <summary>A piece of work cut into exactly two fixed halves (chunk 0 and chunk 1).</summary>
internal interface ITwoChunkJob
{
    void Execute(int chunk);
}

/// <summary>
/// One persistent helper thread that runs chunk 1 while the caller runs chunk 0. It spins briefly between jobs
/// (a wake-up costs well under a microsecond, against about 4 µs for <c>Parallel.For</c>) and then sleeps on an
/// event. Nothing is allocated per job, so a training step stays allocation-free.
/// When the helper is busy with another caller's job, or the degree is 1, both chunks run on the caller.
/// </summary>
internal static class TwoWayWorker
{
    private const int SpinIterations = 2_000;
    private static readonly object Gate = new();
    private static readonly ManualResetEventSlim Wake = new(false, spinCount: 1);
    private static Thread? _thread;
    private static ITwoChunkJob? _job;
    private static volatile int _generation;
    private static volatile int _finished;
    private static Exception? _failure;

    public static void Run(ITwoChunkJob job)
    {
        if (Parallelism.MaxDegreeOfParallelism < 2 || Environment.ProcessorCount < 2 || !Monitor.TryEnter(Gate))
        {
            job.Execute(0);
            job.Execute(1);
            return;
        }
        try
        {
            EnsureStarted();
            _job = job;
            _failure = null;
            _finished = 0;
            _generation++;
            Wake.Set();
            job.Execute(0);
            var spin = new SpinWait();
            while (_finished == 0)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            _job = null;
            if (_failure is Exception failure)
            {
                throw new AggregateException("the helper thread's half of a kernel failed.", failure);
            }
        }
        finally
        {
            Monitor.Exit(Gate);
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
        int seen = 0;
        while (true)
        {
            int spins = 0;
            while (_generation == seen && spins < SpinIterations)
            {
                Thread.SpinWait(20);
                spins++;
            }
            if (_generation == seen)
            {
                Wake.Reset();
                // Re-check after Reset so a Set that came before it is not lost.
                if (_generation == seen)
                {
                    Wake.Wait();
                }
                continue;
            }
            seen = _generation;
            try
            {
                _job!.Execute(1);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            finally
            {
                _finished = 1;
            }
        }
    }
}
