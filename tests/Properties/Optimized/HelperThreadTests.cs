using Verification.Optimized;
using Verification.Properties.CrossChecks;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>
/// The helper thread that shares a job's pieces with the caller (<c>HelperThread</c>, <c>Parallelism.cs</c>). The
/// products' tests prove that who runs a piece never changes a result; these prove the sharing itself: with two threads
/// allowed both threads take pieces (also when the helper has gone to sleep and must be woken), with one every piece runs
/// on the caller, a failing piece is rethrown on the caller and forgotten by the next job, and the helper is one named
/// background thread for every job that sleeps when idle, so a program using the Optimized stack still exits when its
/// <c>Main</c> returns and leaves no core spinning. Each is a mutant that passed every result test (docs/reliability.md
/// §7, <c>Parallelism.cs</c>).
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class HelperThreadTests
{
    /// <summary>How long a piece waits for the other thread: generous, because a loaded machine may deschedule the helper
    /// for a while; correct code never waits that long, so the time is paid only by a broken sharing.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(8, false)]
    [InlineData(2, true)]
    [InlineData(8, true)]
    public void With_two_threads_allowed_the_caller_and_the_helper_both_take_pieces(int pieces, bool helperAsleep)
    {
        MeetingJob job = null!;
        ThreadDegree.At(2, () => WhileAnotherThreadThatJustRanAJobLives(() =>
        {
            if (helperAsleep)
            {
                // It spins about 500 × 20 pauses (well under a millisecond) after a job, then sleeps on its event.
                Thread.Sleep(200);
            }
            job = OnNewThread(() =>
            {
                var meeting = new MeetingJob(pieces, Patience);
                HelperThread.Run(meeting);
                return meeting;
            });
        }));
        if (Environment.ProcessorCount < 2)
        {
            Assert.All(job.RanOnCaller, Assert.True); // one core: the contract is that the caller runs everything
            return;
        }
        Assert.True(job.RanOnCaller.Contains(true), $"{pieces} pieces: the caller took none (it must take its share)");
        Assert.True(job.RanOnCaller.Contains(false),
            $"{pieces} pieces{(helperAsleep ? ", the helper asleep" : "")}: the helper took none within {Patience.TotalSeconds} s");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public void With_one_thread_allowed_every_piece_runs_on_the_caller(int pieces)
    {
        // The caller's first piece waits half a second for a helper's piece: time enough for a helper wrongly woken.
        var job = new MeetingJob(pieces, TimeSpan.FromMilliseconds(500));
        ThreadDegree.At(2, () => HelperThread.Run(new MeetingJob(2, TimeSpan.Zero)));
        ThreadDegree.At(1, () => HelperThread.Run(job));
        Assert.All(job.RanOnCaller, ranOnCaller => Assert.True(ranOnCaller, "a piece ran off the caller with one thread allowed"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failing_piece_is_rethrown_on_the_caller_and_the_next_job_runs_clean(bool failOnHelper)
    {
        if (Environment.ProcessorCount < 2)
        {
            return; // no helper on one core: a failing piece is thrown by the caller's own loop, unwrapped
        }
        var failing = new MeetingJob(2, Patience, failOn: failOnHelper ? Runner.Helper : Runner.Caller);
        var next = new MeetingJob(2, Patience);
        ThreadDegree.At(2, () =>
        {
            var error = Assert.Throws<AggregateException>(() => HelperThread.Run(failing));
            Assert.StartsWith("a piece of a job shared with the helper thread failed.", error.Message);
            Assert.Same(failing.Failure, Assert.Single(error.InnerExceptions));
            HelperThread.Run(next); // throws if the failure was kept for it
        });
    }

    [Fact]
    public void The_helper_is_a_named_background_thread()
    {
        if (Environment.ProcessorCount < 2)
        {
            return; // no helper is ever started on one core
        }
        Thread helper = HelperOfATwoThreadJob();
        Assert.True(helper.IsBackground, "a foreground helper would keep the process alive after Main returns");
        Assert.Equal("Verification.Optimized helper", helper.Name);
    }

    [Fact]
    public void Every_job_is_shared_with_the_same_one_helper_thread()
    {
        if (Environment.ProcessorCount < 2)
        {
            return; // no helper is ever started on one core
        }
        var helpers = new HashSet<int>();
        for (int job = 0; job < 20; job++)
        {
            helpers.Add(HelperOfATwoThreadJob().ManagedThreadId);
        }
        // A helper started per job would never stop (its loop has no end): threads would pile up, one per product.
        Assert.Single(helpers);
    }

    [Fact]
    public void An_idle_helper_sleeps_instead_of_spinning()
    {
        if (Environment.ProcessorCount < 2)
        {
            return; // no helper is ever started on one core
        }
        Thread helper = HelperOfATwoThreadJob();
        // It spins well under a millisecond after a job, then blocks on its event; one that never blocked would hold a
        // core for as long as the program runs.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((helper.ThreadState & ThreadState.WaitSleepJoin) == 0 && waited.Elapsed < Patience)
        {
            Thread.Sleep(10);
        }
        Assert.True((helper.ThreadState & ThreadState.WaitSleepJoin) != 0,
            $"the helper was still running {Patience.TotalSeconds} s after its job ({helper.ThreadState})");
    }

    [Fact]
    public void A_degree_below_one_is_refused_naming_the_value_and_the_setting_is_kept()
    {
        ThreadDegree.At(2, () =>
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.MaxDegreeOfParallelism = 0);
            Assert.Equal("value", error.ParamName);
            Assert.Equal(0, error.ActualValue);
            Assert.StartsWith("the degree of parallelism must be at least 1, got 0.", error.Message);
            Assert.Equal(2, Parallelism.MaxDegreeOfParallelism);
        });
    }

    /// <summary>
    /// Runs <paramref name="run"/> while another thread, which has just run a job (so the helper exists and has worked),
    /// is still alive. A Run that kept the helper's gate would then make a job on a third thread run alone. Neither this
    /// test's thread (it may hold the gate from an earlier test) nor a thread started after the holder died (it may reuse
    /// the holder's id, and with it the gate) would show that.
    /// </summary>
    private static void WhileAnotherThreadThatJustRanAJobLives(Action run)
    {
        using var ran = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Exception? failure = null;
        var holder = new Thread(() =>
        {
            try
            {
                HelperThread.Run(new MeetingJob(2, TimeSpan.Zero));
            }
            catch (Exception e)
            {
                failure = e; // reported on the test's thread: an exception escaping a thread would end the test run
            }
            ran.Set();
            release.Wait();
        });
        holder.Start();
        ran.Wait();
        try
        {
            if (failure is not null)
            {
                throw new Xunit.Sdk.XunitException($"the other thread's job failed: {failure}");
            }
            run();
        }
        finally
        {
            release.Set();
            holder.Join();
        }
    }

    /// <summary>The thread that took a piece of a two-piece job run with two threads allowed.</summary>
    private static Thread HelperOfATwoThreadJob()
    {
        var job = new MeetingJob(2, Patience);
        ThreadDegree.At(2, () => HelperThread.Run(job));
        return job.Helper ?? throw new Xunit.Sdk.XunitException($"the helper took no piece within {Patience.TotalSeconds} s");
    }

    /// <summary>Runs <paramref name="run"/> on a new thread and returns its result, or throws its exception here.</summary>
    private static T OnNewThread<T>(Func<T> run)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = run();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new Xunit.Sdk.XunitException($"the job's thread failed: {failure}");
    }

    private enum Runner { Nobody, Caller, Helper }

    /// <summary>
    /// Records which thread ran each piece. The first piece each thread runs announces it and waits up to
    /// <c>patience</c> for a piece on the other thread, so a working helper is always in time to take one and the caller
    /// cannot finish the job alone before the helper wakes. <c>failOn</c> makes that thread's first piece throw.
    /// </summary>
    private sealed class MeetingJob(int pieces, TimeSpan patience, Runner failOn = Runner.Nobody) : IPiecewiseJob
    {
        private readonly int _callerId = Environment.CurrentManagedThreadId;
        private int _callerStarted, _helperStarted;

        public int Pieces => pieces;

        public bool[] RanOnCaller { get; } = new bool[pieces];

        public Thread? Helper { get; private set; }

        public Exception Failure { get; } = new InvalidOperationException("this piece fails on purpose");

        public void Execute(int piece)
        {
            bool onCaller = Environment.CurrentManagedThreadId == _callerId;
            RanOnCaller[piece] = onCaller;
            ref int mine = ref onCaller ? ref _callerStarted : ref _helperStarted;
            if (Interlocked.Exchange(ref mine, 1) == 1)
            {
                return;
            }
            if (!onCaller)
            {
                Helper = Thread.CurrentThread;
            }
            ref int theirs = ref onCaller ? ref _helperStarted : ref _callerStarted;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var spin = new SpinWait();
            while (Volatile.Read(ref theirs) == 0 && waited.Elapsed < patience)
            {
                spin.SpinOnce();
            }
            if (failOn == (onCaller ? Runner.Caller : Runner.Helper))
            {
                throw Failure;
            }
        }
    }
}
