using System.Collections.Concurrent;
using Verification.Core;
using Verification.Core.Scripts;
using Verification.Core.Training;

namespace Verification.Experiments.Document000;

/// <summary>
/// Document 000's experiment with its own settings (seed 42, 250 epochs, Adam 5e-4, Dropout(0.4)), run once per
/// stack and shared: documents 000, 001 and 004 all judge claims on it. The run is deterministic, so caching it
/// changes no number.
/// </summary>
public static class OverfittingRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<OverfittingScript.Result>> Runs = new();
    private static readonly ConcurrentDictionary<(string, double), Lazy<TrainingHistory>> DropoutRuns = new();
    private static readonly ConcurrentDictionary<(string, ulong), Lazy<OverfittingScript.Result>> SeedRuns = new();

    /// <summary>
    /// The seeds a paired comparison runs the experiment on: the document's 42 and four more. Each seed draws its own
    /// data, weights and masks for both arms alike, so arm differences per seed are paired.
    /// </summary>
    public static readonly ulong[] PairedSeeds = [42, 0, 1, 2, 3];

    /// <summary>The document's run on <paramref name="stack"/> (computed on first use).</summary>
    public static OverfittingScript.Result For(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return Runs.GetOrAdd(stack.Name, _ => new Lazy<OverfittingScript.Result>(() => OverfittingScript.Run(stack))).Value;
    }

    /// <summary>The whole experiment (both arms) with <paramref name="seed"/> instead of 42, computed on first use.</summary>
    public static OverfittingScript.Result ForSeed(IStack stack, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (seed == new OverfittingScript.Settings().Seed) return For(stack);
        return SeedRuns.GetOrAdd((stack.Name, seed), _ =>
            new Lazy<OverfittingScript.Result>(() => OverfittingScript.Run(stack, new OverfittingScript.Settings(Seed: seed)))).Value;
    }

    /// <summary>The experiment over every one of <see cref="PairedSeeds"/>, in that order.</summary>
    public static IReadOnlyList<OverfittingScript.Result> ForPairedSeeds(IStack stack) =>
        PairedSeeds.Select(seed => ForSeed(stack, seed)).ToArray();

    /// <summary>
    /// Only the dropout model of the document's run, with dropout rate <paramref name="p"/> instead of 0.4 (drawn exactly
    /// as the script would draw it; see <see cref="OverfittingScript.TrainOne"/>), computed on first use.
    /// </summary>
    public static TrainingHistory WithDropoutRate(IStack stack, double p)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return DropoutRuns.GetOrAdd((stack.Name, p), _ => new Lazy<TrainingHistory>(() =>
            OverfittingScript.TrainOne(stack, new OverfittingScript.Settings(DropoutP: p), withDropout: true))).Value;
    }
}
