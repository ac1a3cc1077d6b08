using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Penalties;

namespace Verification.Core.Scripts;

/// <summary>Which explicit penalty a sine-wave run adds to its MSE: none, <c>λ·Σ w²</c> or <c>λ·Σ |w|</c>.</summary>
public enum PenaltyKind
{
    /// <summary>The unregularised baseline.</summary>
    None,

    /// <summary><c>λ·Σ w²</c> over the weight matrices (gradient <c>2λ·w</c>).</summary>
    L2,

    /// <summary><c>λ·Σ |w|</c> over the weight matrices (gradient <c>λ·sign(w)</c>).</summary>
    L1,
}

/// <summary>
/// <c>count_near_zero_weights</c> of the document: weights (biases skipped) with <c>|w| &lt; threshold</c>.
/// <see cref="Percent"/> is <c>round(100·near_zero/total, 1)</c> as Python prints it.
/// </summary>
public sealed record SparsityReport(int Total, int NearZero, double Percent);

/// <summary>
/// One trained sine-wave model. <see cref="EpochLosses"/> holds the pure MSE of each epoch before its step (what the
/// document appends); <see cref="Weights"/> holds every weight value after training, layer by layer in
/// <c>named_parameters()</c> order (<c>0.weight</c> 128, <c>2.weight</c> 128·128, <c>4.weight</c> 128), for histograms.
/// </summary>
public sealed record SineWaveRun(
    PenaltyKind Penalty,
    double Lambda,
    float[] EpochLosses,
    float[] Weights,
    SparsityReport Sparsity,
    int ExactZeros,
    double WeightSumOfSquares)
{
    /// <summary>The last epoch's MSE (<c>losses[-1]</c>).</summary>
    public float FinalMse => EpochLosses[^1];
}

/// <summary>The three runs of the experiment and the data they were trained on.</summary>
public sealed record SineWaveResult(NoisySineDataset Data, int Epochs, SineWaveRun None, SineWaveRun L2, SineWaveRun L1);

/// <summary>
/// The L1/L2 experiment of 002_91f9a1e79ea80b56.txt, drawn as its script draws: <c>manual_seed(42)</c>; 80 noisy
/// sine points (<see cref="NoisySineData"/>); then three 1→128→128→1 ReLU networks, each built right before it is
/// trained (none, then L2 with λ = 1e-3, then L1 with λ = 1e-4), so each takes its initial weights from where the
/// previous construction left the generator (full-batch training draws nothing). Each is trained 500 full-batch epochs
/// with Adam (lr 1e-3, no weight decay) on <c>MSE + penalty</c>, the penalty covering weight matrices only.
/// </summary>
public static class SineWaveScript
{
    /// <summary>The document's settings.</summary>
    public const ulong Seed = 42;

    /// <summary>Epochs per run (<c>num_epochs=500</c>).</summary>
    public const int Epochs = 500;

    /// <summary>Adam's learning rate.</summary>
    public const double LearningRate = 1e-3;

    /// <summary>λ of the L2 run and of the L1 run.</summary>
    public const double L2Lambda = 1e-3, L1Lambda = 1e-4;

    /// <summary><c>count_near_zero_weights</c>'s default threshold.</summary>
    public const float NearZeroThreshold = 1e-3f;

    /// <summary>Hidden width of <c>OverparameterisedNet</c>.</summary>
    public const int Hidden = 128;

    /// <summary>Runs all three variants on <paramref name="stack"/>; <paramref name="epochs"/> only shortens tests.</summary>
    public static SineWaveResult Run(IStack stack, int epochs = Epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        var generator = new TorchGenerator(Seed);
        var data = NoisySineData.Create(generator);
        var none = Train(stack, BuildModel(stack, generator), data, PenaltyKind.None, 0, epochs);
        var l2 = Train(stack, BuildModel(stack, generator), data, PenaltyKind.L2, L2Lambda, epochs);
        var l1 = Train(stack, BuildModel(stack, generator), data, PenaltyKind.L1, L1Lambda, epochs);
        return new SineWaveResult(data, epochs, none, l2, l1);
    }

    /// <summary>
    /// Trains only the run of <paramref name="penalty"/>, drawing exactly what the full script draws before it: the data,
    /// then the initialisation of every model built earlier (none, then L2; their full-batch training draws nothing).
    /// Gives the same run as the matching one of <see cref="Run"/>, at a third of the cost.
    /// </summary>
    public static SineWaveRun TrainOne(IStack stack, PenaltyKind penalty, double lambda, int epochs = Epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        int modelsBefore = penalty switch
        {
            PenaltyKind.None => 0,
            PenaltyKind.L2 => 1,
            PenaltyKind.L1 => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, "expected None, L2 or L1."),
        };
        var generator = new TorchGenerator(Seed);
        var data = NoisySineData.Create(generator);
        for (int i = 0; i < modelsBefore; i++) BuildModel(stack, generator);
        return Train(stack, BuildModel(stack, generator), data, penalty, lambda, epochs);
    }

    /// <summary><c>nn.Sequential(Linear(1, 128), ReLU, Linear(128, 128), ReLU, Linear(128, 1))</c>, initialised in that order.</summary>
    public static IModule BuildModel(IStack stack, TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(generator);
        return stack.Sequential(
            stack.Linear(1, Hidden, generator), stack.ReLU(),
            stack.Linear(Hidden, Hidden, generator), stack.ReLU(),
            stack.Linear(Hidden, 1, generator));
    }

    /// <summary>Trains <paramref name="model"/> full-batch on <c>MSE + penalty</c>; returns its losses and final weights.</summary>
    public static SineWaveRun Train(IStack stack, IModule model, NoisySineDataset data, PenaltyKind penalty, double lambda, int epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        // The penalty only adds its gradient: the document records the pure MSE, so the penalty's value is never needed.
        Action<IModule>? addPenaltyGradient = penalty switch
        {
            PenaltyKind.None => null,
            PenaltyKind.L2 => new L2Penalty(lambda).AddGradient,
            PenaltyKind.L1 => new L1Penalty(lambda).AddGradient,
            _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, "expected None, L2 or L1."),
        };
        var optimizer = stack.Adam(model.Parameters(), lr: LearningRate, weightDecay: 0);
        var loss = stack.MSELoss();
        var losses = new float[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.SetTraining(true);
            optimizer.ZeroGrad();
            losses[epoch] = loss.Forward(model.Forward(data.Inputs), data.Targets);
            model.Backward(loss.Backward());
            addPenaltyGradient?.Invoke(model);
            optimizer.Step();
        }
        float[] weights = WeightValues(model);
        int exactZeros = 0;
        double sumOfSquares = 0; // a summary for the ledger, not part of training: double keeps it order-independent
        foreach (float w in weights)
        {
            if (w == 0f) exactZeros++;
            sumOfSquares += (double)w * w;
        }
        return new SineWaveRun(penalty, lambda, losses, weights, CountNearZeroWeights(model), exactZeros, sumOfSquares);
    }

    /// <summary>
    /// <c>count_near_zero_weights(model, threshold)</c>: over parameters whose name contains "weight", the total count
    /// and the count with <c>|w| &lt; threshold</c>; the percentage rounded to one decimal (half to even, as Python's
    /// <c>round</c> on the nearest double).
    /// </summary>
    public static SparsityReport CountNearZeroWeights(IModule model, float threshold = NearZeroThreshold)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(threshold > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the near-zero threshold must be positive.");
        }
        int total = 0, nearZero = 0;
        foreach (NamedParameter p in model.NamedParameters())
        {
            if (!p.Name.Contains("weight", StringComparison.Ordinal)) continue;
            float[] w = p.Parameter.Value.Data;
            total += w.Length;
            for (int i = 0; i < w.Length; i++)
            {
                if (MathF.Abs(w[i]) < threshold) nearZero++;
            }
        }
        double percent = total == 0 ? 0 : Math.Round(100.0 * nearZero / total, 1, MidpointRounding.ToEven);
        return new SparsityReport(total, nearZero, percent);
    }

    /// <summary>Every value of every parameter named "…weight", in <c>named_parameters()</c> order.</summary>
    public static float[] WeightValues(IModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var values = new List<float>();
        foreach (NamedParameter p in model.NamedParameters())
        {
            if (p.Name.Contains("weight", StringComparison.Ordinal)) values.AddRange(p.Parameter.Value.Data);
        }
        return values.ToArray();
    }
}
