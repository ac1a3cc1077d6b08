using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;

namespace Verification.Experiments.Document002;

/// <summary>
/// How much one decayed run shrank a group of weights relative to the undecayed run:
/// <c>shrink = 1 − Σ|w_decayed| / Σ|w_undecayed|</c> over the group (0: no effect, 1: all weights at zero).
/// </summary>
public sealed record DecayShrink(double Adam, double AdamW)
{
    /// <summary>Adam's shrink as a multiple of AdamW's (how much of the decoupled effect the coupled decay delivers).</summary>
    public double AdamOverAdamW => Adam / AdamW;
}

/// <summary>
/// The three runs and their comparison. Per weight (every weight matrix, <c>named_parameters()</c> order, as
/// <see cref="SineWaveRun.Weights"/>): the final values of each run and the mean |∂MSE/∂w| over the undecayed run's epochs.
/// <see cref="LowGradient"/> and <see cref="HighGradient"/> are the bottom and top quarter of the weights by that mean.
/// </summary>
public sealed record AdamDecayResult(
    double WeightDecay,
    int Epochs,
    float[] UndecayedWeights,
    float[] AdamWeights,
    float[] AdamWWeights,
    float[] MeanAbsGradient,
    DecayShrink All,
    DecayShrink LowGradient,
    DecayShrink HighGradient,
    float UndecayedFinalMse,
    float AdamFinalMse,
    float AdamWFinalMse);

/// <summary>
/// Adam's coupled <c>weight_decay</c> against AdamW's decoupled one, the claim of 002_91f9a1e79ea80b56.txt's takeaways
/// and Mistake 3 (the document prints no experiment for it). Adam adds <c>wd·w</c> to the gradient and then divides the
/// step by the running gradient size, so its decay is roughly AdamW's divided by the gradient's RMS; AdamW shrinks every
/// weight by <c>lr·wd·w</c> per step whatever its gradient. Measured on the document's own sine-wave set-up
/// (<c>manual_seed(42)</c>, the 80 points, the first <c>OverparameterisedNet</c>'s initial weights, 500 full-batch epochs,
/// lr 1e-3, MSE): three runs from identical weights, Adam without decay, Adam with <c>wd</c>, AdamW with <c>wd</c>.
/// </summary>
public static class AdamDecayComparison
{
    /// <summary>The weight decay the document's table uses with AdamW, used here for both optimisers.</summary>
    public const double DocumentWeightDecay = 1e-3;

    /// <summary>Runs the three trainings on <paramref name="stack"/>.</summary>
    public static AdamDecayResult Run(IStack stack, double weightDecay = DocumentWeightDecay, int epochs = SineWaveScript.Epochs)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (!(weightDecay > 0) || double.IsPositiveInfinity(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "the weight decay compared must be positive and finite.");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        var generator = new TorchGenerator(SineWaveScript.Seed);
        var data = NoisySineData.Create(generator);
        TorchGeneratorState init = generator.SaveState();

        IModule undecayed = Build(stack, generator, init);
        var gradientSum = new double[SineWaveScript.WeightValues(undecayed).Length];
        const double lr = SineWaveScript.LearningRate;
        float undecayedMse = Train(undecayed, stack.Adam(undecayed.Parameters(), lr: lr), stack, data, epochs, gradientSum);
        IModule adam = Build(stack, generator, init);
        float adamMse = Train(adam, stack.Adam(adam.Parameters(), lr: lr, weightDecay: weightDecay), stack, data, epochs, null);
        IModule adamW = Build(stack, generator, init);
        float adamWMse = Train(adamW, stack.AdamW(adamW.Parameters(), lr: lr, weightDecay: weightDecay), stack, data, epochs, null);

        float[] w0 = SineWaveScript.WeightValues(undecayed);
        float[] wAdam = SineWaveScript.WeightValues(adam);
        float[] wAdamW = SineWaveScript.WeightValues(adamW);
        var meanGradient = new float[gradientSum.Length];
        for (int i = 0; i < meanGradient.Length; i++) meanGradient[i] = (float)(gradientSum[i] / epochs);

        int[] byGradient = Enumerable.Range(0, meanGradient.Length).OrderBy(i => meanGradient[i]).ToArray();
        int quarter = byGradient.Length / 4;
        return new AdamDecayResult(weightDecay, epochs, w0, wAdam, wAdamW, meanGradient,
            Shrink(byGradient, w0, wAdam, wAdamW),
            Shrink(byGradient[..quarter], w0, wAdam, wAdamW),
            Shrink(byGradient[^quarter..], w0, wAdam, wAdamW),
            undecayedMse, adamMse, adamWMse);
    }

    /// <summary><c>1 − Σ|w_run| / Σ|w_undecayed|</c> over <paramref name="group"/> for the Adam and the AdamW run.</summary>
    public static DecayShrink Shrink(IReadOnlyList<int> group, float[] undecayed, float[] adam, float[] adamW)
    {
        ArgumentNullException.ThrowIfNull(group);
        double sum0 = 0, sumAdam = 0, sumAdamW = 0; // sums of thousands of magnitudes: double keeps them order-independent
        foreach (int i in group)
        {
            sum0 += Math.Abs(undecayed[i]);
            sumAdam += Math.Abs(adam[i]);
            sumAdamW += Math.Abs(adamW[i]);
        }
        return new DecayShrink(1 - sumAdam / sum0, 1 - sumAdamW / sum0);
    }

    private static IModule Build(IStack stack, TorchGenerator generator, TorchGeneratorState init)
    {
        generator.RestoreState(init);
        return SineWaveScript.BuildModel(stack, generator);
    }

    /// <summary>Full-batch MSE training; adds each epoch's |∂MSE/∂w| into <paramref name="gradientSum"/> when given.</summary>
    private static float Train(IModule model, IOptimizer optimizer, IStack stack, NoisySineDataset data, int epochs, double[]? gradientSum)
    {
        var loss = stack.MSELoss();
        float last = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.SetTraining(true);
            optimizer.ZeroGrad();
            last = loss.Forward(model.Forward(data.Inputs), data.Targets);
            model.Backward(loss.Backward());
            if (gradientSum is not null) AddAbsoluteWeightGradients(model, gradientSum);
            optimizer.Step();
        }
        return last;
    }

    private static void AddAbsoluteWeightGradients(IModule model, double[] gradientSum)
    {
        int offset = 0;
        foreach (NamedParameter p in model.NamedParameters())
        {
            if (!p.Name.Contains("weight", StringComparison.Ordinal)) continue;
            float[] g = p.Parameter.Grad.Data;
            for (int i = 0; i < g.Length; i++) gradientSum[offset + i] += Math.Abs(g[i]);
            offset += g.Length;
        }
    }
}
