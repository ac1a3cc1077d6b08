using Verification.Core;
using Verification.Core.Random;

namespace Verification.Laws;

/// <summary>
/// The law of stochastic depth's draw (torchvision.ops.stochastic_depth) as a check over a <see cref="DropoutFactory"/>
/// whose layer has its mode built in. The other laws of <c>StochasticDepth</c> are <see cref="DropoutLaws"/>' with a
/// channel the size of one sample (mode "row") or of the whole input (mode "batch"): a kept sample is scaled by
/// 1/(1 − p) both ways and a dropped one is 0 with no gradient (<see cref="DropoutLaws.CheckMaskAndGradient"/>), the keep
/// rate is 1 − p and the mean is kept (<see cref="DropoutLaws.CheckMoments"/>), eval mode and p = 0 are the identity.
/// </summary>
public static class StochasticDepthLaws
{
    /// <summary>The law <see cref="CheckDraws"/> checks.</summary>
    public const string Draws =
        "the fates are bernoulli_(1 − p) of shape (N, 1, …) in mode \"row\" or (1, …) in mode \"batch\", drawn even at p = 1";

    /// <summary>
    /// For 0 &lt; p ≤ 1: replays <c>torch.empty(size).bernoulli_(1 − p)</c> (one double uniform per draw, in order) from the
    /// generator the layer was given, and asks that sample n was kept exactly when its draw (or the batch's one draw) was 1,
    /// that a dropped sample is <c>x·0</c> (so p = 1 gives x·0, with NaN where x is ±∞ or NaN), and that the generator has
    /// moved by exactly those draws: no more (a per-element mask), no fewer (a p = 1 shortcut that skips the draw).
    /// x must have no zeros.
    /// </summary>
    public static void CheckDraws(DropoutFactory create, bool rowMode, Tensor x, double p, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        var generator = new TorchGenerator(seed);
        IModule layer = create(p, generator);
        var replay = new TorchGenerator(seed);
        replay.RestoreState(generator.SaveState());
        int samples = x.Size(0), perSample = samples == 0 ? 0 : x.Length / samples;
        var fates = new float[rowMode ? samples : 1];
        replay.Bernoulli(fates, 1 - p);

        Tensor y = layer.Forward(x);
        var counterexample = new Counterexample(x.Shape, p, seed, Detail: rowMode ? "mode row" : "mode batch");
        for (int n = 0; n < samples; n++)
        {
            bool kept = fates[rowMode ? n : 0] != 0;
            for (int i = n * perSample; i < (n + 1) * perSample; i++)
            {
                bool outputKept = y[i] != 0;
                if (outputKept != kept)
                {
                    throw new LawViolation(Draws, counterexample.At(i),
                        $"sample {n} {(kept ? "kept" : "dropped")} (draw {(rowMode ? n : 0)} of bernoulli_({1 - p:G6}))",
                        $"element {i} {(outputKept ? "kept" : "dropped")}");
                }
                if (!kept && !Bits.Same(x[i] * 0f, y[i]))
                {
                    throw new LawViolation(Draws, counterexample.At(i), $"a dropped sample gives x·0 = {x[i] * 0f:R}", $"{y[i]:R}");
                }
            }
        }
        DropoutLaws.RequireSameState(replay.SaveState(), generator.SaveState(), Draws,
            counterexample.With($"{fates.Length} draw{(fates.Length == 1 ? "" : "s")} expected"));
    }
}
