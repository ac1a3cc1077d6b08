namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>PyTorch divides the float32 mask by (1 − p): 1/(1 − p) rounded to float, 1.4285715 for p = 0.3.</summary>
    public virtual float KeptScale(double p) => 1f / (float)(1 - p);

    /// <summary>Each unit contributes x with probability 1−p, scaled by 1/(1−p): n·x in expectation.</summary>
    public virtual double ExpectedSumAfterDropout(int units, double activation, double p) => units * activation;
}
