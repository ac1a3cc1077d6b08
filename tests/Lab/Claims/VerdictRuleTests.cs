using Shouldly;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Experiments.Claims;
using Verification.Experiments.Document000;
using Verification.Experiments.Document003;
using Verification.Experiments.Document004;
using Xunit;

namespace Verification.Lab.Tests.Claims;

/// <summary>
/// The verdict rules on made-up measurements, at the edges of each claim's tolerance: the tolerance comes from the
/// claim (±25% of a figure's epoch, one sampling sd of a 400-sample accuracy, an ordering), so moving a measurement
/// across it must flip the verdict. Also the procedures' own laws (NumPy's draws, the script's p = 0 identity).
/// </summary>
public sealed class VerdictRuleTests
{
    private static readonly ForgottenEvalResult Noisy = new([0.75f, 0.75f], [0.74f, 0.76f], 0f);
    private static readonly PairedDifference Shrink = new([-0.03, -0.02, -0.025]);

    /// <summary>250 epochs: training accuracy 1 from <paramref name="perfectFrom"/>, validation constant.</summary>
    private static TrainingHistory History(int perfectFrom, float validation, Func<int, float>? loss = null)
    {
        var history = new TrainingHistory();
        for (int epoch = 1; epoch <= 250; epoch++)
        {
            history.Add(new EpochRecord(epoch, loss?.Invoke(epoch) ?? 0.5f, epoch >= perfectFrom ? 1f : 0.9f, validation));
        }
        return history;
    }

    private static Verdict VerdictOf(IReadOnlyList<ClaimRow> rows, string id) => rows.Single(r => r.Id == id).Verdict;

    [Theory]
    [InlineData(30, Verdict.Holds)]
    [InlineData(50, Verdict.Holds)]
    [InlineData(51, Verdict.HoldsQualitatively)]
    [InlineData(29, Verdict.HoldsQualitatively)]
    public void First_perfect_epoch_holds_within_a_quarter_of_the_figures_epoch_40(int epoch, Verdict expected) =>
        VerdictOf(OverfittingClaims.Rows(History(epoch, 0.77f), History(90, 0.79f), Noisy, Shrink), "000.first-100-train").ShouldBe(expected);

    [Theory]
    [InlineData(68, Verdict.Holds)]
    [InlineData(65, Verdict.HoldsQualitatively)]
    [InlineData(39, Verdict.DoesNotHold)]
    public void Dropout_reaching_100_percent_later_is_the_qualitative_part_of_the_epoch_90_claim(int epoch, Verdict expected) =>
        VerdictOf(OverfittingClaims.Rows(History(39, 0.77f), History(epoch, 0.79f), Noisy, Shrink), "000.first-100-train-dropout").ShouldBe(expected);

    [Theory]
    [InlineData(0.75f, Verdict.Holds)]
    [InlineData(0.745f, Verdict.HoldsQualitatively)]
    [InlineData(0.70f, Verdict.DoesNotHold)]
    public void Validation_plateau_holds_within_one_sampling_sd_of_77_percent(float validation, Verdict expected) =>
        VerdictOf(OverfittingClaims.Rows(History(39, validation), History(90, 0.79f), Noisy, Shrink), "000.val-plateau").ShouldBe(expected);

    [Theory]
    [InlineData(0.78f, Verdict.Holds)]
    [InlineData(0.76f, Verdict.HoldsQualitatively)]
    [InlineData(0.74f, Verdict.DoesNotHold)]
    public void Dropout_validation_holds_near_79_percent_and_qualitatively_when_only_above_the_no_dropout_run(float validation, Verdict expected) =>
        VerdictOf(OverfittingClaims.Rows(History(39, 0.75f), History(90, validation), Noisy, Shrink), "000.val-dropout").ShouldBe(expected);

    [Fact]
    public void Evaluation_with_dropout_on_is_judged_by_whether_the_numbers_vary()
    {
        var allDifferent = new ForgottenEvalResult([0.75f, 0.75f], [0.74f, 0.76f], 0f);
        var repeats = new ForgottenEvalResult([0.75f, 0.75f, 0.75f], [0.74f, 0.74f, 0.76f], 0f);
        var constant = new ForgottenEvalResult([0.75f, 0.75f], [0.75f, 0.75f], 0f);
        VerdictOf(Rows(allDifferent), "000.eval-forgotten").ShouldBe(Verdict.Holds);
        VerdictOf(Rows(repeats), "000.eval-forgotten").ShouldBe(Verdict.HoldsQualitatively);
        VerdictOf(Rows(constant), "000.eval-forgotten").ShouldBe(Verdict.DoesNotHold);

        static IReadOnlyList<ClaimRow> Rows(ForgottenEvalResult forgotten) =>
            OverfittingClaims.Rows(History(39, 0.77f), History(90, 0.79f), forgotten, Shrink);
    }

    [Fact]
    public void Step_variance_of_a_steadily_falling_loss_is_zero_and_of_an_alternating_loss_is_not()
    {
        NoiseClaims.StepVariance(History(39, 0.77f, e => 1f - e / 1000f)).ShouldBe(0, 1e-12);
        NoiseClaims.StepVariance(History(39, 0.77f, e => e % 2 == 0 ? 0.5f : 0.25f)).ShouldBeGreaterThan(0.06);
    }

    [Fact]
    public void Numpy_legacy_rand_reproduces_numpys_first_draws()
    {
        // np.random.seed(42); np.random.rand(4).
        new NumpyRandomState(42).Rand(4).ShouldBe([0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366], 1e-15);
        ChurnMaskClaims.NumpyDropout([0.36, 0.13, 0.42, 0.25], 0.5, 42).ShouldBe([0, 0.26, 0.84, 0.5], 1e-12);
    }

    [Fact]
    public void The_sensitivity_scripts_train_and_validation_losses_coincide_at_p_0()
    {
        var run = ChurnSensitivityScript.Train(0, 42);
        run.TrainLoss.ShouldBe(run.ValidationLoss);
        ChurnSensitivityScript.Train(0.5, 42).Gap.ShouldNotBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => ChurnSensitivityScript.Train(1, 42)).ParamName.ShouldBe("p");
    }

    [Fact]
    public void Snapshot_comparison_reports_moved_new_and_gone_rows()
    {
        var rows = new[]
        {
            new ClaimRow("a", "d", "c", "1", "2", Verdict.Holds, "n"),
            new ClaimRow("b", "d", "c", "1", "3", Verdict.DoesNotHold, "n"),
        };
        LedgerSnapshot.Compare(LedgerSnapshot.Render(rows), rows).ShouldBeEmpty();
        var changes = LedgerSnapshot.Compare("a | Holds | 2\nb | Holds | 3\nc | Holds | 4\n", rows);
        changes.Select(c => c.Id).ShouldBe(["b", "c"]);
        changes[1].Measured.ShouldBeNull();
        LedgerSnapshot.Compare("a | Holds | 2\n", rows).Single().Approved.ShouldBeNull();
    }

    [Fact]
    public void The_ledger_rejects_a_duplicated_claim_id()
    {
        var twice = new[] { new ChurnMaskClaims(), new ChurnMaskClaims() };
        Should.Throw<InvalidOperationException>(() => ClaimsLedger.Run(Stacks.Optimized, twice)).Message.ShouldContain("appears twice");
    }
}
