using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Properties.Reliability.Broken;
using Verification.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Reliability;

/// <summary>Tests that read or set process-wide settings (the kernels' thread count) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideSettings
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process-wide settings";
}

/// <summary>
/// The bad-input sweep: every public entry point of Core, Reference and Optimized (the rows of
/// <see cref="BadInputEntries"/>) is called with arbitrary arguments — NaN, ±∞, negatives, zeros, huge sizes, empty and
/// mis-shaped tensors, out-of-range class indices — and (a) only the Argument* family or the row's documented types
/// escape, (b) a rejected call leaves every parameter, gradient, buffer, optimizer state and the generator bit-identical,
/// (c) an Argument* exception names its argument, and (d) arguments the specification forbids are rejected.
/// </summary>
[Collection(ProcessWideSettings.Name)]
public class BadInputSweepTests(ITestOutputHelper output)
{
    private static readonly double[] NastyDoubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 1e300, -1e300,
        double.Epsilon, -double.Epsilon, -0.0, 0, 1e-8, 0.1, 0.5, 0.9, 0.999, 1, 1.5, 2, -1, -0.5,
    ];

    // One large size (65536: accepted beside a small one, rejected beside itself or int.MaxValue as more than one array
    // holds) and no mid-sized ones, so that no accepted call allocates or draws tens of millions of values.
    private static readonly int[] NastyInts = [int.MinValue, -7, -1, 0, 1, 2, 3, 4, 6, 65536, int.MaxValue];

    private static readonly int[][] TensorShapes =
    [
        [], [0], [6], [0, 3], [3, 0], [1, 3], [4, 3], [2, 3], [3, 2], [4, 2], [1, 6], [6, 1], [5, 1], [2],
        [4, 3, 2], [2, 3, 4], [2, 3, 2, 2], [0, 3, 2],
    ];

    private static Gen<double> Doubles() =>
        Gen.OneOf(Gen.Elements(NastyDoubles), Gen.Choose(-3000, 3000).Select(i => i / 1000.0));

    private static Gen<int> Ints() => Gen.OneOf(Gen.Elements(NastyInts), Gen.Choose(-3, 8));

    /// <summary>Arbitrary arguments for every row.</summary>
    public static Arbitrary<BadArgs> Arguments() =>
        (from d1 in Doubles()
         from d2 in Doubles()
         from d3 in Doubles()
         from d4 in Doubles()
         from i1 in Ints()
         from i2 in Ints()
         from s1 in Gen.Elements(TensorShapes)
         from s2 in Gen.Elements(TensorShapes)
         from f1 in Gen.Elements(Enum.GetValues<Fill>())
         from f2 in Gen.Elements(Enum.GetValues<Fill>())
         from flag in Gen.Elements(true, false)
         from seed in Gen.Choose(0, 1_000_000)
         select new BadArgs(d1, d2, d3, d4, i1, i2, s1, s2, f1, f2, flag, seed)).ToArbitrary();

    /// <summary>What the sweep saw of one row.</summary>
    public sealed class Tally
    {
        /// <summary>Calls made.</summary>
        public int Calls;

        /// <summary>Calls that threw one of the accepted types.</summary>
        public int Rejected;

        /// <summary>Time spent in this row, preparation included.</summary>
        public TimeSpan Elapsed;
    }

    /// <summary>
    /// Runs every row on <paramref name="args"/>; returns null when all hold, or a description of the first failure.
    /// </summary>
    public static string? RunRows(IStack stack, BadArgs args, IReadOnlyList<BadInputEntry> rows, Dictionary<string, Tally>? tallies = null)
    {
        string stackName = stack.Name;
        foreach (var row in rows)
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            var world = new BadInputWorld(stack);
            Action call = row.Prepare(world, args);
            long[] before = world.Snapshot();
            Exception? thrown = null;
            try
            {
                call();
            }
            catch (Exception e)
            {
                thrown = e;
            }
            Tally? tally = null;
            if (tallies is not null && !tallies.TryGetValue(row.Name, out tally))
            {
                tallies[row.Name] = tally = new Tally();
            }
            if (tally is not null)
            {
                tally.Calls++;
                tally.Elapsed += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            }

            bool mustReject = row.MustReject?.Invoke(args) ?? false;
            if (thrown is null)
            {
                if (mustReject) return $"{stackName} {row.Name}: accepted arguments it must reject ({args}).";
                continue;
            }
            if (tally is not null) tally.Rejected++;
            bool argumentFamily = thrown is ArgumentException;
            if (!argumentFamily && !row.Documented.Contains(thrown.GetType()))
            {
                return $"{stackName} {row.Name}: {thrown.GetType().Name} escaped ({thrown.Message}) for {args}.";
            }
            if (thrown is ArgumentException { ParamName: null })
            {
                return $"{stackName} {row.Name}: {thrown.GetType().Name} without ParamName ({thrown.Message}) for {args}.";
            }
            if (!before.AsSpan().SequenceEqual(world.Snapshot()))
            {
                return $"{stackName} {row.Name}: rejected ({thrown.GetType().Name}: {thrown.Message}) but changed state, for {args}.";
            }
        }
        return null;
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void Every_public_entry_point_rejects_bad_arguments_with_argument_exceptions_and_changes_nothing(string stackName)
    {
        var rows = BadInputEntries.All();
        var tallies = new Dictionary<string, Tally>();
        int cases = 0;
        var property = Prop.ForAll(Arguments(), args =>
        {
            cases++;
            string? failure = RunRows(Stacks.ByName(stackName), args, rows, tallies);
            return failure is null ? true.ToProperty() : false.Label(failure);
        });
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(PropertyCounts.Laws), property);

        int calls = tallies.Values.Sum(t => t.Calls), rejected = tallies.Values.Sum(t => t.Rejected);
        output.WriteLine(
            $"{stackName}: {cases} FsCheck cases x {rows.Count} entry points = {calls} calls, {rejected} rejected, {calls - rejected} accepted.");
        foreach (var (name, tally) in tallies.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {name}: {tally.Calls} calls, {tally.Rejected} rejected, {tally.Elapsed.TotalMilliseconds:F0} ms");
        }
        // Every row must have met bad arguments at least once, or the sweep proves nothing about it — except the
        // element-wise layers, which take a tensor of any shape and any values (their null case is its own row).
        string[] acceptAnyTensor = ["ReLU.Forward(x)", "Sigmoid.Forward(x)", "Tanh.Forward(x)", "Dropout(0.5).Forward(x)", "Dropout(1).Forward(x)"];
        var neverRejected = tallies.Where(t => t.Value.Rejected == 0 && !acceptAnyTensor.Contains(t.Key)).Select(t => t.Key).ToArray();
        Assert.True(neverRejected.Length == 0, "never rejected anything: " + string.Join("; ", neverRejected));
    }

    public static TheoryData<string> BrokenVariants() => new(BrokenStack.Variants);

    [Theory]
    [MemberData(nameof(BrokenVariants))]
    public void The_sweep_rejects_each_broken_implementation(string variant)
    {
        var rows = BadInputEntries.All();
        var stack = new BrokenStack(variant);
        var property = Prop.ForAll(Arguments(), args =>
        {
            string? failure = RunRows(stack, args, rows);
            return failure is null ? true.ToProperty() : false.Label(failure);
        });
        // The rarest trigger is one nasty double (NaN) in one argument: 1/2 · 1/21 of the cases, so 100 cases miss it
        // with probability (1 − 1/42)^100 ≈ 9% (a flaky test). The check stops at the first failing case, so a budget of
        // 1000 costs nothing when the sweep works and misses with probability (1 − 1/42)^1000 ≈ 3.5e-11.
        var e = Assert.ThrowsAny<Exception>(() => FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property));
        output.WriteLine(e.Message.Split('\n').FirstOrDefault(l => l.Contains("Label", StringComparison.Ordinal)) ?? e.Message);
    }
}
