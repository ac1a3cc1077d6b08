using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Shapes, probabilities and seeds for the cross-checks. Sizes mix small random ones with the vector edges (15, 16, 17,
/// 31, 32, 33: one Vector512 of floats holds 16, the product's register tile is 32 wide) and 1; tall and skinny shapes
/// (1×300, 300×1) come as their own cases. Values are drawn from a seeded <see cref="TorchGenerator"/> (bounded, finite),
/// so a failing case is replayed from its printed seed.
/// </summary>
public static class CrossCheckGen
{
    /// <summary>A size in [1, max] or one of the vector edges.</summary>
    public static Gen<int> Dim(int max) => Gen.OneOf(Gen.Choose(1, max), Gen.Elements(1, 15, 16, 17, 31, 32, 33));

    /// <summary>A seed for the generator the case's values and initialisation come from.</summary>
    public static Gen<ulong> Seed { get; } = Gen.Choose(0, int.MaxValue).Select(s => (ulong)s);

    /// <summary>A 2-D shape (rows, cols): random, or 1×1, 1×300, 300×1.</summary>
    public static Gen<int[]> Matrix { get; } = Gen.Frequency(
        (8, from r in Dim(40) from c in Dim(70) select new[] { r, c }),
        (1, Gen.Elements(new[] { 1, 1 }, new[] { 1, 300 }, new[] { 300, 1 })));

    /// <summary>Any-rank shape (1 to 4 dimensions, up to a few thousand elements) for element-wise layers.</summary>
    public static Gen<int[]> AnyShape { get; } = Gen.OneOf(
        Matrix,
        Dim(600).Select(n => new[] { n }),
        Gen.Elements(511, 512, 513, 1025, 1600).Select(n => new[] { n }),
        from a in Gen.Choose(1, 4) from b in Dim(20) from c in Dim(20) select new[] { a, b, c },
        from a in Gen.Choose(1, 3) from b in Gen.Choose(1, 5) from c in Dim(17) from d in Dim(17) select new[] { a, b, c, d });

    /// <summary>
    /// Dropout probabilities: the edges 0 and 1, PyTorch's usual rates, values where 1f/(float)(1 − p) and (float)(1/(1 − p))
    /// differ, and random ones.
    /// </summary>
    public static Gen<double> P { get; } = Gen.OneOf(
        Gen.Elements(0.0, 0.1, 0.15, 0.42, 0.5, 0.9, 1.0),
        Gen.Choose(1, 99).Select(k => k / 100.0));

    /// <summary><c>scale·randn(shape)</c> from a generator seeded with <paramref name="seed"/>.</summary>
    public static Tensor Randn(ulong seed, float scale, params int[] shape)
    {
        Tensor t = new TorchGenerator(seed).Randn(shape);
        for (int i = 0; i < t.Length; i++) t[i] *= scale;
        return t;
    }

    /// <summary>
    /// Activation inputs: normal values of scale 4, with about one in eight replaced by a special value that tests the
    /// edges (±0, saturation at ±20, ±88 where σ and e^x leave the normal range, ±100).
    /// </summary>
    public static Tensor ActivationInput(ulong seed, params int[] shape)
    {
        var g = new TorchGenerator(seed);
        Tensor t = g.Randn(shape);
        float[] specials = [0f, -0f, 20f, -20f, 88f, -88f, 100f, -100f, 1e-30f];
        for (int i = 0; i < t.Length; i++)
        {
            uint w = g.Random();
            t[i] = (w & 7) == 0 ? specials[(w >> 3) % (uint)specials.Length] : 4 * t[i];
        }
        return t;
    }

    /// <summary>Values that are never zero (|x| in [0.5, 2.5)), so a zero output is a dropped element.</summary>
    public static Tensor NonZero(ulong seed, params int[] shape)
    {
        var g = new TorchGenerator(seed);
        Tensor t = g.Rand(shape);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = ((g.Random() & 1) == 0 ? 1 : -1) * (0.5f + 2 * t[i]);
        }
        return t;
    }

    /// <summary>Formats a shape for labels.</summary>
    public static string Text(int[] shape) => "(" + string.Join(", ", shape) + ")";
}
