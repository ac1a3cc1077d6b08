using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.Layers;

/// <summary>
/// One generated layer case: a batch of N rows of <see cref="InFeatures"/> features feeding <see cref="OutFeatures"/>
/// outputs, and the seed everything is drawn from (weights, inputs, upstream gradients), so a failing case prints in
/// one line and replays exactly.
/// </summary>
public sealed record LayerCase(int N, int InFeatures, int OutFeatures, ulong Seed)
{
    /// <summary>The generator for this case's layer weights, seeded as <c>torch.manual_seed(Seed)</c>.</summary>
    public TorchGenerator Generator() => new(Seed);

    /// <summary>x: (N, in), uniform in [−2, 2).</summary>
    public Tensor X() => Uniform(1, -2, 2, N, InFeatures);

    /// <summary>An upstream gradient of shape (N, features), uniform in [−1, 1).</summary>
    public Tensor GradOutput(int features) => Uniform(2, -1, 1, N, features);

    /// <summary>
    /// x: (N, in) with magnitudes in [0.05, 2) and random signs: never within 2·Step of zero, where ReLU's kink would
    /// make the centred difference straddle two slopes.
    /// </summary>
    public Tensor AwayFromZero()
    {
        var g = new TorchGenerator(Seed ^ 0x5EED_0003UL);
        var t = new Tensor(N, InFeatures);
        g.Uniform(t.Data, 0.05, 2);
        for (int i = 0; i < t.Length; i++)
        {
            if ((g.Random() & 1) == 1) t[i] = -t[i];
        }
        return t;
    }

    /// <summary>
    /// x: (N, in) whose rows differ by at least 0.3 in every feature (row r sits near π(r)·sₖ for a random permutation
    /// π and spread sₖ in [0.5, 1.5), plus noise in ±0.1). BatchNorm's output bends on the scale of the batch's
    /// standard deviation; two nearly equal rows (N = 2) would make a 0.01 step leave the linear regime.
    /// </summary>
    public Tensor SpreadRows()
    {
        var g = new TorchGenerator(Seed ^ 0x5EED_0009UL);
        int[] order = g.Randperm(N);
        var spread = new float[InFeatures];
        g.Uniform(spread, 0.5, 1.5);
        var noise = new float[N * InFeatures];
        g.Uniform(noise, -0.1, 0.1);
        var t = new Tensor(N, InFeatures);
        for (int row = 0; row < N; row++)
        {
            for (int k = 0; k < InFeatures; k++) t[row, k] = (order[row] - N / 2f) * spread[k] + noise[row * InFeatures + k];
        }
        return t;
    }

    /// <summary>Values uniform in [<paramref name="low"/>, <paramref name="high"/>) from a stream of this case.</summary>
    public Tensor Uniform(int stream, double low, double high, params int[] shape)
    {
        var g = new TorchGenerator(Seed ^ (0x5EED_0000UL + (ulong)stream));
        var t = new Tensor(shape);
        g.Uniform(t.Data, low, high);
        return t;
    }

    /// <inheritdoc/>
    public override string ToString() => $"LayerCase(N = {N}, in = {InFeatures}, out = {OutFeatures}, seed {Seed})";
}

/// <summary>The FsCheck generators of the layer properties (register with <c>Arbitrary = [typeof(LayerArbitraries)]</c>).</summary>
public static class LayerArbitraries
{
    /// <summary>Seeds: the documents' (0, 7, 42, 123456789) and arbitrary 31-bit ones.</summary>
    public static Gen<ulong> Seeds() =>
        Gen.OneOf(Gen.Elements(0UL, 7UL, 42UL, 123456789UL), Gen.Choose(0, int.MaxValue).Select(s => (ulong)s));

    /// <summary>N in 2…6, features in 1…7.</summary>
    public static Arbitrary<LayerCase> LayerCases() =>
        (from n in Gen.Choose(2, 6)
         from inFeatures in Gen.Choose(1, 7)
         from outFeatures in Gen.Choose(1, 7)
         from seed in Seeds()
         select new LayerCase(n, inFeatures, outFeatures, seed)).ToArbitrary();
}
