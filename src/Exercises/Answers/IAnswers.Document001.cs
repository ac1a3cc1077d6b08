namespace Verification.Exercises;

/// <summary>Questions from 001_9b6fb180196b46a2.txt (a beginner's guide to dropout).</summary>
public partial interface IAnswers
{
    /// <summary>001.1 — The factor PyTorch multiplies kept activations by, in float32, for drop probability p.</summary>
    float KeptScale(double p);

    /// <summary>001.2 — n units each output x; dropout p is applied. What is the expected sum entering the next layer?</summary>
    double ExpectedSumAfterDropout(int units, double activation, double p);
}
