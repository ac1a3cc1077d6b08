using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises.Tests.WrongAnswers;

/// <summary>The classic dropout bugs, one per value; each is the key's dropout with that one thing wrong.</summary>
public enum DropoutBug
{
    /// <summary>Keeps each unit with probability p, the drop probability (CS231n's old keep-probability convention).</summary>
    KeepDropSwapped,

    /// <summary>Zeroes units but never rescales the kept ones by 1/(1 − p): the mean shrinks to (1 − p)·x.</summary>
    NoRescale,

    /// <summary>Scales by (1 − p) in eval mode as well, old-style dropout mixed into inverted dropout.</summary>
    ScalesAtEval,

    /// <summary>Draws a fresh mask in Backward instead of using the one Forward drew.</summary>
    FreshMaskInBackward,
}

/// <summary>A learner's dropout with one <see cref="DropoutBug"/>; everything else as PyTorch.</summary>
public sealed class WrongDropout(double p, TorchGenerator generator, DropoutBug bug) : IModule
{
    private float[]? _noise;

    public bool IsTraining { get; private set; } = true;

    public void SetTraining(bool training) => IsTraining = training;

    public Tensor Forward(Tensor input)
    {
        _noise = null;
        if (!IsTraining)
        {
            return bug == DropoutBug.ScalesAtEval ? Multiply(input, Enumerable.Repeat((float)(1 - p), input.Length).ToArray()) : input;
        }
        if (p == 0 || input.Length == 0) return input;
        _noise = Draw(input.Length);
        return Multiply(input, _noise);
    }

    public Tensor Backward(Tensor gradOutput) =>
        _noise is null ? gradOutput : Multiply(gradOutput, bug == DropoutBug.FreshMaskInBackward ? Draw(gradOutput.Length) : _noise);

    public IEnumerable<NamedParameter> NamedParameters() => [];

    private float[] Draw(int n)
    {
        var noise = new float[n];
        if (p == 1) return noise;
        generator.Bernoulli(noise, bug == DropoutBug.KeepDropSwapped ? p : 1 - p);
        float keep = (float)(1 - p);
        if (bug != DropoutBug.NoRescale)
        {
            for (int i = 0; i < n; i++) noise[i] /= keep;
        }
        return noise;
    }

    private static Tensor Multiply(Tensor values, float[] factors)
    {
        var result = new Tensor(values.Shape);
        for (int i = 0; i < result.Length; i++) result[i] = values[i] * factors[i];
        return result;
    }
}
