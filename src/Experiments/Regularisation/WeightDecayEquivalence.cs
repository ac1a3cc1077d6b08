using Verification.Core;
using Verification.Core.Penalties;
using Verification.Core.Random;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// What <see cref="WeightDecayEquivalence"/> measured over all seeds and steps: how many single steps were compared,
/// how many weights came out different and by how many units in the last place (ulps) at most; and how far SGD's step
/// strayed from <c>w ← (1 − lr·wd)·w − lr·∂L/∂w</c> evaluated in double, in ulps of the largest
/// magnitude of the step (w before, w after, lr·∂L/∂w).
/// </summary>
public sealed record WeightDecayEquivalenceResult(int Seeds, int Steps, long WeightsCompared, long WeightsDifferent, double LargestUlps,
    double LargestShrinkDeviationUlps, double LearningRate, double Lambda);

/// <summary>
/// Document 002's "L2 is also called weight decay … it multiplies every weight by (1 − 2λ·lr) each step", tested on SGD,
/// step by step. Per seed, document 000's data and network without biases (so the explicit penalty, which skips biases,
/// and SGD's <c>weight_decay</c>, which does not, cover the same parameters); two copies: one trained by
/// <c>SGD(lr, weight_decay = 2λ)</c>, the other by plain <c>SGD(lr)</c> with <see cref="L2Penalty"/>(λ)'s gradient 2λ·w
/// added after backward. Before every step the second copy is given the first's weights, so each step is compared from
/// identical weights (and identical gradients: no dropout, full batch), and the first's step is checked against the
/// shrink formula.
/// </summary>
public static class WeightDecayEquivalence
{
    /// <summary>SGD's learning rate: the document names none for SGD.</summary>
    public const double LearningRate = 0.1;

    /// <summary>Steps per seed.</summary>
    public const int Steps = 100;

    /// <summary>
    /// Runs the comparison on every seed of <see cref="RegulariserRuns.Seeds"/>. SGD gets <c>weight_decay = 2λ</c> unless
    /// <paramref name="weightDecay"/> says otherwise (a test passes λ, the classic slip, and must see the claim fail).
    /// </summary>
    public static WeightDecayEquivalenceResult Run(IStack stack, double lambda = RegulariserArm.DocumentLambda, int steps = Steps,
        double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        double decay = weightDecay ?? 2 * lambda;
        long compared = 0, different = 0;
        double largest = 0, shrinkLargest = 0;
        foreach (ulong seed in RegulariserRuns.Seeds)
        {
            var generator = new TorchGenerator(seed);
            var (data, _, _) = RegulariserRuns.Draw(generator);
            TorchGeneratorState init = generator.SaveState();
            IModule decayed = RegulariserRuns.BuildModel(stack, generator, RegulariserArm.None, bias: false);
            generator.RestoreState(init);
            IModule penalised = RegulariserRuns.BuildModel(stack, generator, RegulariserArm.None, bias: false);
            var decayParameters = decayed.Parameters();
            var penaltyParameters = penalised.Parameters();
            IOptimizer withDecay = stack.SGD(decayParameters, LearningRate, weightDecay: decay);
            IOptimizer plain = stack.SGD(penaltyParameters, LearningRate);
            var penalty = new L2Penalty(lambda);
            ILoss loss = stack.BCEWithLogitsLoss();
            float lr = (float)LearningRate, claimedDecay = (float)(2 * lambda);
            for (int step = 0; step < steps; step++)
            {
                for (int k = 0; k < decayParameters.Count; k++)
                {
                    Array.Copy(decayParameters[k].Value.Data, penaltyParameters[k].Value.Data, decayParameters[k].Value.Length);
                }
                float[][] before = decayParameters.Select(p => (float[])p.Value.Data.Clone()).ToArray();
                Backward(decayed, loss, withDecay, data.TrainInputs, data.TrainTargets);
                float[][] gradients = decayParameters.Select(p => (float[])p.Grad.Data.Clone()).ToArray();
                withDecay.Step();
                Backward(penalised, loss, plain, data.TrainInputs, data.TrainTargets);
                penalty.AddGradient(penalised);
                plain.Step();
                for (int k = 0; k < decayParameters.Count; k++)
                {
                    float[] a = decayParameters[k].Value.Data, b = penaltyParameters[k].Value.Data;
                    for (int i = 0; i < a.Length; i++)
                    {
                        compared++;
                        if (a[i] != b[i])
                        {
                            different++;
                            largest = Math.Max(largest, Ulps(a[i], b[i]));
                        }
                        // The claim, w ← (1 − 2λ·lr)·w − lr·g, in double from the float lr and 2λ the optimiser holds.
                        double expected = (1 - (double)lr * claimedDecay) * before[k][i] - (double)lr * gradients[k][i];
                        // Measured against the largest magnitude in the step, where the float arithmetic rounds.
                        float scale = Math.Max(Math.Max(Math.Abs(a[i]), Math.Abs(before[k][i])), Math.Abs(lr * gradients[k][i]));
                        shrinkLargest = Math.Max(shrinkLargest, Math.Abs(a[i] - expected) / Ulp(scale));
                    }
                }
            }
        }
        return new WeightDecayEquivalenceResult(RegulariserRuns.Seeds.Count, steps, compared, different, largest, shrinkLargest, LearningRate,
            lambda);
    }

    /// <summary><c>|a − b|</c> in units of the last place of the float <paramref name="a"/>.</summary>
    public static double Ulps(float a, float b) => Math.Abs((double)a - b) / Ulp(a);

    /// <summary>The gap from |<paramref name="x"/>| to the next float up.</summary>
    public static double Ulp(float x)
    {
        float magnitude = Math.Abs(x);
        return (double)MathF.BitIncrement(magnitude) - magnitude;
    }

    private static void Backward(IModule model, ILoss loss, IOptimizer optimizer, Tensor x, Tensor y)
    {
        model.SetTraining(true);
        loss.Forward(model.Forward(x), y);
        optimizer.ZeroGrad();
        model.Backward(loss.Backward());
    }
}
