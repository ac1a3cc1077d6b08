using System.Collections.Concurrent;
using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Scripts;
using Verification.Core.Training;

namespace Verification.Experiments.Cnn;

/// <summary>One trained digits CNN: its variant, seed, per-epoch history and final parameter values.</summary>
public sealed record CnnRun(ConvDropout Dropout, double P, ulong Seed, TrainingHistory History, float[][] Parameters);

/// <summary>
/// The digits CNN of <see cref="CnnDigitsScript"/> trained for the claims: the golden file's model, loader and Adam, but
/// lr 1e-2 instead of 1e-3 so that <see cref="Epochs"/> epochs reach about 95% training accuracy and the
/// train–validation gap opens (at 1e-3, five epochs end near 75%, before any overfitting). Seeds 0 … <see cref="Seeds"/> − 1.
/// Runs are memoised per stack and variant: the conv-dropout and the rate claims share the none and Dropout2d(0.2) runs,
/// and the MC-dropout claims load the Dropout2d(0.2) weights, so the ledger trains each variant once. A run is
/// deterministic, so a memoised run equals a fresh one.
/// </summary>
public static class CnnDropoutRuns
{
    /// <summary>Seeds per variant, epochs per run and the learning rate.</summary>
    public const int Seeds = 5, Epochs = 5;

    /// <summary>Adam's learning rate for the claims.</summary>
    public const double LearningRate = 1e-2;

    private static readonly ConcurrentDictionary<(string Stack, ConvDropout Dropout, double P, ulong Seed), Lazy<CnnRun>> Memo = new();
    private static readonly Lazy<DigitsDataset> Data = new(DigitsData.Load);

    /// <summary>The digits split every run uses (shared; the runs never write to it).</summary>
    public static DigitsDataset Digits => Data.Value;

    /// <summary>The runs of one variant over seeds 0 … <see cref="Seeds"/> − 1.</summary>
    public static IReadOnlyList<CnnRun> Variant(IStack stack, ConvDropout dropout, double p)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return Enumerable.Range(0, Seeds).Select(seed => Run(stack, dropout, p, (ulong)seed)).ToArray();
    }

    /// <summary>One run (memoised).</summary>
    public static CnnRun Run(IStack stack, ConvDropout dropout, double p, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var key = (stack.Name, dropout, dropout == ConvDropout.None ? 0 : p, seed);
        return Memo.GetOrAdd(key, k => new Lazy<CnnRun>(() => Train(stack, k.Dropout, k.P, k.Seed))).Value;
    }

    /// <summary>
    /// A fresh model of the run's variant whose weights are the run's final ones (PyTorch's <c>load_state_dict</c>); its
    /// dropout layers draw from a new generator seeded with <paramref name="maskSeed"/>.
    /// </summary>
    public static IModule Load(IStack stack, CnnRun run, ulong maskSeed)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(run);
        var model = CnnDigitsScript.BuildModel(stack, new Core.Random.TorchGenerator(maskSeed), run.Dropout, run.P);
        var parameters = model.Parameters();
        for (int i = 0; i < parameters.Count; i++)
        {
            run.Parameters[i].CopyTo(parameters[i].Value.Data, 0);
        }
        return model.Eval();
    }

    /// <summary>The per-epoch mean and sd over seeds of <paramref name="metric"/>.</summary>
    public static SeedSummary[] PerEpoch(IReadOnlyList<CnnRun> runs, Func<EpochRecord, double> metric)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(metric);
        return Enumerable.Range(0, Epochs).Select(e => SeedSummary.Of(runs.Select(r => metric(r.History[e])).ToArray())).ToArray();
    }

    /// <summary>The final epoch's mean and sd over seeds of <paramref name="metric"/>.</summary>
    public static SeedSummary Final(IReadOnlyList<CnnRun> runs, Func<EpochRecord, double> metric) => PerEpoch(runs, metric)[^1];

    private static CnnRun Train(IStack stack, ConvDropout dropout, double p, ulong seed)
    {
        var settings = new CnnDigitsScript.Settings(Seed: seed, Epochs: Epochs, LearningRate: LearningRate, Dropout: dropout, DropoutP: p);
        var result = CnnDigitsScript.Run(stack, settings, Digits);
        float[][] parameters = result.Model.Parameters().Select(q => q.Value.Data.ToArray()).ToArray();
        return new CnnRun(dropout, p, seed, result.History, parameters);
    }
}
