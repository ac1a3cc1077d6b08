using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;

namespace Verification.Exercises.Grading;

/// <summary>Inputs and comparisons the whole-layer exercises share.</summary>
public static class Sample
{
    /// <summary><c>randn(shape)</c> from <c>torch.manual_seed(seed)</c>.</summary>
    public static Tensor Normal(ulong seed, params int[] shape) => new TorchGenerator(seed).Randn(shape);

    /// <summary>
    /// Standard normals rounded to the 1/64 grid and kept at least 1/32 away from 0: exact in float32 when moved by the
    /// gradient check's h = 1/64, and clear of ReLU's kink.
    /// </summary>
    public static Tensor OnGrid(ulong seed, params int[] shape)
    {
        Tensor x = Normal(seed, shape);
        for (int i = 0; i < x.Length; i++)
        {
            double v = Math.Round(x[i] * 32) / 64;
            x[i] = (float)(Math.Abs(v) < 1.0 / 32 ? (v < 0 ? -1.0 / 32 : 1.0 / 32) : v);
        }
        return x;
    }

    /// <summary>Standard normals with no exact zeros (the statistical dropout laws divide by x).</summary>
    public static Tensor NonZero(ulong seed, params int[] shape)
    {
        Tensor x = Normal(seed, shape);
        for (int i = 0; i < x.Length; i++) if (x[i] == 0) x[i] = 1;
        return x;
    }

    /// <summary>Parameters of the given lengths with values and gradients drawn from <c>randn</c>.</summary>
    public static Parameter[] Parameters(ulong seed, params int[] lengths)
    {
        var generator = new TorchGenerator(seed);
        return lengths.Select(n =>
        {
            var p = new Parameter(generator.Randn(n));
            generator.Randn(n).Data.CopyTo(p.Grad.Data, 0);
            return p;
        }).ToArray();
    }

    /// <summary>Bit-for-bit equality of the learner's tensor with the Reference stack's, as a violation of <paramref name="law"/>.</summary>
    public static void Same(string law, Tensor reference, Tensor learner, Counterexample counterexample, string what)
    {
        if (!reference.SameShape(learner))
        {
            throw new LawViolation(law, counterexample, $"{what} of shape {reference.ShapeText}", learner.ShapeText);
        }
        Bits.Equal(reference.Data, learner.Data, law, counterexample, what);
    }

    /// <summary>Equality within float rounding (relative 1e-5, absolute 1e-6): sums may run in another order.</summary>
    public static void Close(string law, Tensor reference, Tensor learner, Counterexample counterexample, string what) =>
        Close(law, reference, learner, counterexample, what, 1e-5, 1e-6);

    /// <summary>Equality within <paramref name="rtol"/> and <paramref name="atol"/>.</summary>
    public static void Close(string law, Tensor reference, Tensor learner, Counterexample counterexample, string what, double rtol, double atol)
    {
        if (!reference.SameShape(learner))
        {
            throw new LawViolation(law, counterexample, $"{what} of shape {reference.ShapeText}", learner.ShapeText);
        }
        Verification.Laws.Near.Equal(reference.Data, learner.Data, rtol, atol, law, counterexample, what);
    }
}
