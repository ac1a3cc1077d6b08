using Shouldly;
using Verification.Core;
using Verification.Core.Random;
using Verification.Experiments.Claims;
using Verification.Experiments.Regularisation;
using Xunit;

namespace Verification.Lab.Tests.Claims;

/// <summary>
/// The regularisation claim sets measured over seeds (src/Experiments/Regularisation): each rule is break-tested by
/// handing it its two arms swapped (a rule that cannot tell them apart would keep its verdict), and the shared runs are
/// checked for what the rows assume (pairing, bit-identical ReLU placements, early stopping's epochs). The runs come from
/// <see cref="RegulariserRuns"/>' cache, which the ledger fixture fills in the same test process.
/// </summary>
public sealed class RegularisationClaimsTests
{
    /// <summary>Every row of the regularisation sets and its expected verdict (the ledger tests read this list).</summary>
    public static readonly TheoryData<string, Verdict> Verdicts = new()
    {
        { "001.combined-beats-dropout", Verdict.DoesNotHold },
        { "001.combined-beats-l2", Verdict.DoesNotHold },
        { "001.combined-beats-early-stopping", Verdict.Holds },
        { "001.rates-above-half-hurt", Verdict.DoesNotHold },
        { "001.rates-best-in-standard-range", Verdict.Holds },
        { "002.progressive-over-constant-0.4", Verdict.Holds },
        { "002.progressive-over-constant-0.5", Verdict.HoldsQualitatively },
        { "002.placement-relu", Verdict.DoesNotHold },
        { "002.placement-tanh", Verdict.HoldsQualitatively },
        { "002.l2-penalty-is-sgd-weight-decay", Verdict.HoldsQualitatively },
        { "002.sgd-weight-decay-shrink", Verdict.Holds },
        { "002.adamw-vs-adam-same-penalty", Verdict.DoesNotHold },
        { "003.small-data-l2-over-dropout", Verdict.Holds },
        { "003.small-data-early-stopping-over-dropout", Verdict.DoesNotHold },
        { "003.small-data-dropout-ineffective", Verdict.DoesNotHold },
    };

    private static readonly IStack Stack = Stacks.Optimized;

    private static IReadOnlyList<ArmRun> Runs(RegulariserArm arm) => RegulariserRuns.Over(Stack, arm);

    private static readonly RegulariserArm Dropout04 = RegulariserArm.Dropout(RegulariserArm.DocumentRate);

    [Fact]
    public void Swapping_the_combination_with_each_regulariser_alone_flips_every_verdict()
    {
        var (dropout, l2, stopping, combined) = (Runs(Dropout04), Runs(RegulariserArm.L2), Runs(RegulariserArm.EarlyStopping),
            Runs(RegulariserArm.Combined));
        var measured = CombinationClaims.Rows(dropout, l2, stopping, combined);
        // Each comparison with the combination's arm moved to the other side.
        var swapped = new[]
        {
            CombinationClaims.Rows(combined, l2, stopping, dropout)[0],
            CombinationClaims.Rows(dropout, combined, stopping, l2)[1],
            CombinationClaims.Rows(dropout, l2, combined, stopping)[2],
        };
        for (int i = 0; i < measured.Count; i++)
        {
            ShouldFlip(measured[i], swapped[i]);
        }
    }

    [Fact]
    public void Swapping_dropout_with_L2_early_stopping_or_none_flips_the_small_data_verdicts()
    {
        var (none, dropout, l2, stopping) = (Runs(RegulariserArm.None), Runs(Dropout04), Runs(RegulariserArm.L2), Runs(RegulariserArm.EarlyStopping));
        var measured = SmallDataClaims.Rows(none, dropout, l2, stopping);
        ShouldFlip(measured[0], SmallDataClaims.Rows(none, l2, dropout, stopping)[0]);
        ShouldFlip(measured[1], SmallDataClaims.Rows(none, stopping, l2, dropout)[1]);
        // The third rule fails on a clear gain of dropout over none; the arms swapped turn a gain into a loss and back.
        ShouldFlip(measured[2], SmallDataClaims.Rows(dropout, none, l2, stopping)[2]);
    }

    [Fact]
    public void Reversing_the_rate_sweep_flips_the_verdict_on_high_rates()
    {
        var byRate = DropoutRateClaims.Rates.Select(p => Runs(RegulariserArm.Dropout(p))).ToArray();
        var none = Runs(RegulariserArm.None);
        var measured = DropoutRateClaims.Rows(byRate, none);
        // Reversed, p = 0.9's runs sit at 0.1 and p = 0.1's at 0.9: the high rates are judged on what low rates did.
        ShouldFlip(measured[0], DropoutRateClaims.Rows(byRate.Reverse().ToArray(), none)[0]);
    }

    [Fact]
    public void The_best_rate_moves_out_of_the_standard_range_when_its_runs_are_swapped_with_p_0_9()
    {
        var byRate = DropoutRateClaims.Rates.Select(p => Runs(RegulariserArm.Dropout(p))).ToArray();
        var none = Runs(RegulariserArm.None);
        var measured = DropoutRateClaims.Rows(byRate, none)[1];
        var means = byRate.Select(r => r.Average(x => x.ValidationAccuracy)).ToArray();
        int best = Array.IndexOf(means, means.Max());
        (byRate[best], byRate[^1]) = (byRate[^1], byRate[best]);
        var swapped = DropoutRateClaims.Rows(byRate, none)[1];
        swapped.MeasuredValue.ShouldStartWith("best mean at p 0.9");
        ShouldFlip(measured, swapped);
    }

    [Fact]
    public void Swapping_progressive_and_constant_rates_flips_both_verdicts()
    {
        var (progressive, mean, large) = (Runs(ProgressiveRateClaims.Progressive), Runs(Dropout04), Runs(RegulariserArm.Dropout(0.5)));
        var measured = ProgressiveRateClaims.Rows(progressive, mean, large);
        ShouldFlip(measured[0], ProgressiveRateClaims.Rows(mean, progressive, large)[0]);
        ShouldFlip(measured[1], ProgressiveRateClaims.Rows(large, mean, progressive)[1]);
    }

    [Fact]
    public void Dropout_before_and_after_ReLU_train_bit_for_bit_alike_and_Tanh_flips_when_swapped()
    {
        var arms = PlacementClaims.Arms.Select(Runs).ToArray();
        for (int s = 0; s < arms[0].Count; s++)
        {
            // relu(m·x/(1 − p)) = m·relu(x)/(1 − p), with the same masks.
            var (after, before) = (arms[0][s], arms[1][s]);
            (after.TrainAccuracy, after.ValidationAccuracy, after.SquaredWeights).ShouldBe((before.TrainAccuracy, before.ValidationAccuracy,
                before.SquaredWeights), $"seed {after.Seed}");
            after.ValidationCurve.ShouldBe(before.ValidationCurve, $"seed {after.Seed}");
        }
        var measured = PlacementClaims.Rows(arms[0], arms[1], arms[2], arms[3]);
        ShouldFlip(measured[1], PlacementClaims.Rows(arms[0], arms[1], arms[3], arms[2])[1]);
        // Identical arms cannot favour either placement: swapped, ReLU still does not hold.
        PlacementClaims.Rows(arms[1], arms[0], arms[2], arms[3])[0].Verdict.ShouldBe(Verdict.DoesNotHold);
    }

    [Fact]
    public void Swapping_Adam_and_AdamW_flips_the_same_penalty_verdict()
    {
        var sgd = WeightDecayEquivalence.Run(Stack, steps: 2);
        var (none, adam, adamW) = (Runs(RegulariserArm.None), Runs(RegulariserArm.L2), Runs(WeightDecayClaims.AdamW));
        ShouldFlip(WeightDecayClaims.Rows(sgd, none, adam, adamW)[2], WeightDecayClaims.Rows(sgd, none, adamW, adam)[2]);
    }

    [Fact]
    public void SGD_weight_decay_of_lambda_instead_of_two_lambda_fails_both_equivalence_claims()
    {
        var (none, adam, adamW) = (Runs(RegulariserArm.None), Runs(RegulariserArm.L2), Runs(WeightDecayClaims.AdamW));
        var right = WeightDecayClaims.Rows(WeightDecayEquivalence.Run(Stack, steps: 3), none, adam, adamW);
        var slip = WeightDecayClaims.Rows(WeightDecayEquivalence.Run(Stack, steps: 3, weightDecay: RegulariserArm.DocumentLambda), none, adam, adamW);
        right[0].Verdict.ShouldNotBe(Verdict.DoesNotHold, right[0].MeasuredValue);
        right[1].Verdict.ShouldBe(Verdict.Holds, right[1].MeasuredValue);
        slip[0].Verdict.ShouldBe(Verdict.DoesNotHold, slip[0].MeasuredValue);
        slip[1].Verdict.ShouldBe(Verdict.DoesNotHold, slip[1].MeasuredValue);
    }

    [Fact]
    public void Every_arm_of_a_seed_starts_from_the_same_data_and_weights()
    {
        var generator = new TorchGenerator(RegulariserRuns.Seeds[0]);
        RegulariserRuns.Draw(generator);
        var state = generator.SaveState();
        var plain = RegulariserRuns.BuildModel(Stack, generator, RegulariserArm.None);
        generator.RestoreState(state);
        var regularised = RegulariserRuns.BuildModel(Stack, generator, RegulariserArm.Combined with { Activation = HiddenActivation.Tanh });
        var a = plain.Parameters();
        var b = regularised.Parameters();
        a.Count.ShouldBe(b.Count);
        for (int k = 0; k < a.Count; k++)
        {
            a[k].Value.Data.ShouldBe(b[k].Value.Data);
        }
    }

    [Fact]
    public void Early_stopping_arms_stop_before_the_last_epoch_and_the_others_train_every_epoch()
    {
        Runs(RegulariserArm.EarlyStopping).ShouldAllBe(r => r.EpochsTrained < RegulariserRuns.Epochs);
        Runs(RegulariserArm.None).ShouldAllBe(r => r.EpochsTrained == RegulariserRuns.Epochs);
        Runs(RegulariserArm.None).ShouldAllBe(r => r.ValidationCurve.Length == RegulariserRuns.Epochs / RegulariserRuns.CurveEvery);
    }

    [Fact]
    public void A_paired_difference_needs_two_arms_on_the_same_seeds()
    {
        Should.Throw<ArgumentException>(() => PairedDifference.Of([0.5, 0.6], [0.5])).ParamName.ShouldBe("b");
        var d = PairedDifference.Of([0.80, 0.82, 0.84], [0.78, 0.80, 0.81]);
        d.Mean.ShouldBe(0.0233, 1e-4);
        d.ClearlyPositive.ShouldBeTrue();
        PairedDifference.Of([0.78, 0.80, 0.81], [0.80, 0.82, 0.84]).FirstIsBetter.ShouldBe(Verdict.DoesNotHold);
    }

    private static void ShouldFlip(ClaimRow measured, ClaimRow swapped)
    {
        swapped.Verdict.ShouldNotBe(measured.Verdict, $"{measured.Id}: measured {measured.MeasuredValue}; swapped {swapped.MeasuredValue}");
    }
}
