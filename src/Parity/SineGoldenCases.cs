using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;

namespace Verification.Parity;

/// <summary>
/// sine.json: document 002's sine-wave experiment as libtorch runs it (<see cref="SineWaveScript"/>).
/// <c>sine.data</c>: the inputs must be <c>torch.linspace</c>'s bit for bit; the targets <c>sin x + 0.3·randn_like(x)</c>
/// within <see cref="ParityTolerances.Transcendental"/>, because libtorch's float sine is MKL's (see
/// <see cref="NoisySineData"/>: 3 of the 80 targets differ by one ulp of the sine).
/// <c>sine</c> (none, L2, L1): the per-epoch MSE over the first <see cref="ComparedEpochs"/> of its 500 epochs within
/// <see cref="ParityTolerances.SineWaveLoss"/>, and the weight count exactly.
/// </summary>
/// <remarks>
/// Why a prefix: the training is chaotic. Fed the same data, initial weights and Adam steps, our runs and libtorch's
/// differ only by the summation order of the matrix products (and those 3 target ulps); that difference stays at a few
/// 1e-7 relative in the MSE up to about epoch 110, then grows about tenfold every ten epochs (above 1e-5 from epoch
/// 126–155, above 1e-3 from 156–195), and the runs end elsewhere: final MSE 0.1–0.9% apart, the L2 run's count of
/// weights below 1e-3 1.5–1.7% apart. libtorch itself moves the same way between its AVX2 and AVX-512 kernels. So the
/// final MSE and the near-zero counts (<c>weights_below_1e-3</c>, <c>weights_exactly_zero</c>) are a known divergence,
/// not compared: no tolerance could be derived for them, only fitted to one run (docs/parity.md has the numbers). The
/// first 100 epochs cover what a wrong implementation changes — the data, the initialisation order of the three models,
/// the penalty's gradient, every Adam step — while staying ten epochs clear of the amplification.
/// </remarks>
public sealed class SineGoldenCases(int? epochLimit = null) : IGoldenCaseKind
{
    /// <summary>Epochs compared per run: the prefix before rounding differences are amplified (see remarks).</summary>
    public const int ComparedEpochs = 100;

    /// <summary>
    /// When set, only the first this-many epochs (at most <see cref="ComparedEpochs"/>) are trained and compared; the test
    /// suite uses it for the scalar Reference stack under coverage instrumentation.
    /// </summary>
    public int? EpochLimit { get; } = epochLimit;

    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => c.Op is "sine.data" or "sine";

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        if (c.Op == "sine.data")
        {
            var data = NoisySineData.Create(new TorchGenerator(c.Seed));
            check.Values("x = linspace(0, 2π, 80)", c.Floats("x"), data.Inputs.Data, Tolerance.BitExact);
            check.Values("y = sin(x) + 0.3·randn_like(x)", c.Floats("y"), data.Targets.Data, ParityTolerances.Transcendental);
            return;
        }
        if (c.Seed != SineWaveScript.Seed)
        {
            throw new ArgumentException($"the sine script is seeded with {SineWaveScript.Seed}, but the case has seed {c.Seed}.", nameof(c));
        }
        string regularisation = c.Json.GetProperty("params").GetProperty("regularisation").GetString() ?? "";
        var penalty = regularisation switch
        {
            "none" => PenaltyKind.None,
            "l2" => PenaltyKind.L2,
            "l1" => PenaltyKind.L1,
            _ => throw new ArgumentException($"expected regularisation none, l2 or l1, but got '{regularisation}'.", nameof(c)),
        };
        int epochs = Math.Min(Math.Min((int)c.Param("epochs"), ComparedEpochs), EpochLimit ?? int.MaxValue);
        var run = SineWaveScript.TrainOne(stack, penalty, c.Param("lambda"), epochs);
        check.Values($"{regularisation}: MSE of epochs 0–{epochs - 1}", c.Floats("mse")[..epochs], run.EpochLosses,
            ParityTolerances.SineWaveLoss);
        check.Integers("weights_total", [c.Json.GetProperty("weights_total").GetInt32()], [run.Sparsity.Total]);
    }
}
