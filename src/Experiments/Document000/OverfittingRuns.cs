using System.Collections.Concurrent;
using Verification.Core;

namespace Verification.Experiments.Document000;

/// <summary>
/// Document 000's experiment with its own settings (seed 42, 250 epochs, Adam 5e-4, Dropout(0.4)), run once per
/// stack and shared: documents 000, 001 and 004 all judge claims on it. The run is deterministic, so caching it
/// changes no number.
/// </summary>
public static class OverfittingRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<OverfittingExperiment.Result>> Runs = new();

    /// <summary>The document's run on <paramref name="stack"/> (computed on first use).</summary>
    public static OverfittingExperiment.Result For(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return Runs.GetOrAdd(stack.Name, _ => new Lazy<OverfittingExperiment.Result>(() => OverfittingExperiment.Run(stack))).Value;
    }
}
