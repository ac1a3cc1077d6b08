using System.Numerics;
using Verification.Exercises.Key;

namespace Verification.Exercises.Tests.WrongAnswers;

// Each class is the answer key with exactly one classic mistake. The grader must reject every one of them with
// feedback aimed at that mistake (GraderTests).

/// <summary>Takes the kept value a/(1−p) as the expectation, forgetting its probability.</summary>
public sealed class ExpectationWithoutKeepProbability : AnswerKey
{
    public override double ExpectedInvertedDropoutOutput(double activation, double p) => activation / (1 - p);
}

/// <summary>Scales by (1−p), as old-style dropout does at test time.</summary>
public sealed class ExpectationScaledAtTestTime : AnswerKey
{
    public override double ExpectedInvertedDropoutOutput(double activation, double p) => activation * (1 - p);
}

/// <summary>Right on the document's numbers (p = 0.5) but wrong elsewhere: returns 2·p·a.</summary>
public sealed class ExpectationRightOnlyAtOneHalf : AnswerKey
{
    public override double ExpectedInvertedDropoutOutput(double activation, double p) => 2 * p * activation;
}

/// <summary>Applies the mask on the way back but forgets the 1/(1−p) scale.</summary>
public sealed class GradientWithoutRescale : AnswerKey
{
    public override float[] GradientAtPreActivations(float[] preActivations, float[] delta, float[] mask, double p) =>
        delta.Select((d, i) => preActivations[i] > 0 ? d * mask[i] : 0f).ToArray();
}

/// <summary>Scales the gradient but applies no mask (the mask applied to the wrong vector: none at all).</summary>
public sealed class GradientWithoutMask : AnswerKey
{
    public override float[] GradientAtPreActivations(float[] preActivations, float[] delta, float[] mask, double p) =>
        delta.Select((d, i) => preActivations[i] > 0 ? (float)(d / (1 - p)) : 0f).ToArray();
}

/// <summary>CS231n's old convention: treats the mask's 1 as dropped (keep and drop confused).</summary>
public sealed class GradientWithKeepDropConfused : AnswerKey
{
    public override float[] GradientAtPreActivations(float[] preActivations, float[] delta, float[] mask, double p) =>
        delta.Select((d, i) => preActivations[i] > 0 ? (float)(d * (1 - mask[i]) / (1 - p)) : 0f).ToArray();
}

/// <summary>Forgets the ReLU on the way back: right on the document's all-positive numbers only.</summary>
public sealed class GradientIgnoringReLU : AnswerKey
{
    public override float[] GradientAtPreActivations(float[] preActivations, float[] delta, float[] mask, double p) =>
        delta.Select((d, i) => (float)(d * mask[i] / (1 - p))).ToArray();
}

/// <summary>Lists the kept units instead of the dropped ones.</summary>
public sealed class KeptUnitsListed : AnswerKey
{
    public override int[] UnitsWithoutUpdates(float[] mask) => Enumerable.Range(0, mask.Length).Where(i => mask[i] == 1).ToArray();
}

/// <summary>Rescales where only the mask was asked for.</summary>
public sealed class MaskWithRescale : AnswerKey
{
    public override float[] ApplyMask(float[] activations, float[] mask) => InvertedDropout(activations, mask, 0.5);
}

/// <summary>Forgets 1/(1−p) in inverted dropout.</summary>
public sealed class InvertedDropoutWithoutRescale : AnswerKey
{
    public override float[] InvertedDropout(float[] activations, float[] mask, double p) => ApplyMask(activations, mask);
}

/// <summary>Counts units, not subsets.</summary>
public sealed class SubNetworksCountedAsUnits : AnswerKey
{
    public override BigInteger SubNetworkCount(int units) => units;
}

/// <summary>Averages the 2ⁿ masks uniformly instead of by probability.</summary>
public sealed class EnsembleAveragedUniformly : AnswerKey
{
    public override double EnsembleAverage(Func<bool[], double> subNetworkOutput, int units, double p) =>
        base.EnsembleAverage(subNetworkOutput, units, 0.5);
}

/// <summary>Scales the sigmoid output at test time instead of in training.</summary>
public sealed class SigmoidScaledAtTestTime : AnswerKey
{
    public override (double TrainingKept, double TrainingDropped, double Test) SigmoidOutputUnderDropout(double logit, double p)
    {
        var (kept, dropped, test) = base.SigmoidOutputUnderDropout(logit, p);
        return (kept * (1 - p), dropped, test * (1 - p));
    }
}

/// <summary>Divides by p instead of 1−p (p read as the keep probability).</summary>
public sealed class ScaleWithKeepProbabilityConfusion : AnswerKey
{
    public override float KeptScale(double p) => 1f / (float)p;
}

/// <summary>Counts survivors without their scale.</summary>
public sealed class SumWithoutRescale : AnswerKey
{
    public override double ExpectedSumAfterDropout(int units, double activation, double p) => units * activation * (1 - p);
}

/// <summary>Gives E[y²] for the variance.</summary>
public sealed class VarianceWithoutMeanSquared : AnswerKey
{
    public override double InvertedDropoutVariance(double x, double p) => x * x / (1 - p);
}

/// <summary>Forgets the 2 in d(w²)/dw.</summary>
public sealed class L2PullWithoutTwo : AnswerKey
{
    public override (double L1, double L2) PenaltyPull(double weight, double lambda) => (lambda, lambda * Math.Abs(weight));
}

/// <summary>Thinks dropout and weight decay are the same thing (option B of question 2).</summary>
public sealed class DropoutIsWeightDecay : AnswerKey
{
    public override char KnowledgeCheck(int question) => question == 2 ? 'B' : base.KnowledgeCheck(question);
}

/// <summary>Zeroes the kept units.</summary>
public sealed class ZeroedTheWrongUnits : AnswerKey
{
    public override float[] ZeroUnits(float[] hidden, int[] droppedUnits) =>
        hidden.Select((h, i) => droppedUnits.Contains(i) ? h : 0f).ToArray();
}

/// <summary>Divides the survivors by p, the drop probability: right only at p = 0.5, where p = 1 − p.</summary>
public sealed class InvertedDropoutDividedByP : AnswerKey
{
    public override float[] InvertedDropout(float[] activations, float[] mask, double p) =>
        activations.Select((a, i) => (float)(a * mask[i] / p)).ToArray();
}

/// <summary>Divides the kept sigmoid output by p instead of 1 − p: right only at p = 0.5.</summary>
public sealed class SigmoidDividedByP : AnswerKey
{
    public override (double TrainingKept, double TrainingDropped, double Test) SigmoidOutputUnderDropout(double logit, double p)
    {
        double sigmoid = 1 / (1 + Math.Exp(-logit));
        return (sigmoid / p, 0, sigmoid);
    }
}

/// <summary>Computes 1/(1 − p) in double and rounds once; ATen divides in float32 by the float32 (1 − p).</summary>
public sealed class KeptScaleRoundedFromDouble : AnswerKey
{
    public override float KeptScale(double p) => (float)(1 / (1 - p));
}

/// <summary>Returns L2's signed derivative 2λw where the size of the pull, 2λ|w|, was asked: right for positive weights only.</summary>
public sealed class L2PullSigned : AnswerKey
{
    public override (double L1, double L2) PenaltyPull(double weight, double lambda) => (lambda, 2 * lambda * weight);
}
