using System.Numerics;

namespace Verification.Exercises;

/// <summary>Questions from 003_8edb894460b127c3.txt (the churn network: 2 inputs → 4 hidden → 1 output, p = 0.5).</summary>
public partial interface IAnswers
{
    /// <summary>
    /// 003.1 — An inverted-dropout unit outputs a/(1−p) with probability 1−p and 0 with probability p.
    /// Return its expected value.
    /// </summary>
    double ExpectedInvertedDropoutOutput(double activation, double p);

    /// <summary>
    /// 003.2 — The hidden layer computed pre-activations z, applied ReLU, then inverted dropout with
    /// <paramref name="mask"/> (1 = kept). The next layer sends back δ = ∂L/∂(dropout output). Return ∂L/∂z.
    /// </summary>
    float[] GradientAtPreActivations(float[] preActivations, float[] delta, float[] mask, double p);

    /// <summary>003.3 — Which hidden units (0-based indices) get no weight update this step under <paramref name="mask"/>?</summary>
    int[] UnitsWithoutUpdates(float[] mask);

    /// <summary>003.4a — The activations after multiplying by the mask, without rescaling.</summary>
    float[] ApplyMask(float[] activations, float[] mask);

    /// <summary>003.4b — Inverted dropout: the activations after the mask and the 1/(1−p) rescaling.</summary>
    float[] InvertedDropout(float[] activations, float[] mask, double p);

    /// <summary>003.4c — How many different sub-networks can dropout sample from <paramref name="units"/> droppable units?</summary>
    BigInteger SubNetworkCount(int units);

    /// <summary>
    /// 003.6 — The ensemble a dropout layer stands for: average <paramref name="subNetworkOutput"/> over all 2ⁿ masks
    /// of <paramref name="units"/> units, each weighted by its probability (a unit is kept with probability 1 − p).
    /// </summary>
    double EnsembleAverage(Func<bool[], double> subNetworkOutput, int units, double p);

    /// <summary>
    /// 003.7 — Dropout (p) placed on a sigmoid output unit with logit z. Return the two values the unit can output
    /// in training (kept, dropped) and the value it outputs at test time.
    /// </summary>
    (double TrainingKept, double TrainingDropped, double Test) SigmoidOutputUnderDropout(double logit, double p);
}
