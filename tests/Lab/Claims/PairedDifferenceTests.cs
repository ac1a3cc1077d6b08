using Shouldly;
using Verification.Experiments.Claims;
using Verification.Experiments.Document000;
using Verification.Experiments.Document003;
using Xunit;

namespace Verification.Lab.Tests.Claims;

/// <summary>
/// The paired-difference rule for claims that compare two seeded runs, and the pair of claims that once both held on
/// one measurement with opposite meanings: <c>000.gap-shrinks</c> (dropout shrinks the train–validation gap) and
/// <c>003.small-data</c> (on 60 samples dropout brings no validation gain).
/// </summary>
public class PairedDifferenceTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    /// <summary>d = 1…5: mean 3, sd √2.5, se √0.5, t₀.₉₇₅,₄ = 2.776, so 3 ± 1.963.</summary>
    [Fact]
    public void Mean_standard_error_and_interval_follow_the_t_formula()
    {
        var d = Judge.Paired([2, 4, 6, 8, 10], [1, 2, 3, 4, 5]);
        d.Mean.ShouldBe(3, 1e-12);
        d.StandardError.ShouldBe(Math.Sqrt(0.5), 1e-12);
        d.Lower.ShouldBe(3 - 2.776 * Math.Sqrt(0.5), 1e-12);
        d.Upper.ShouldBe(3 + 2.776 * Math.Sqrt(0.5), 1e-12);
        d.ShowsIncrease.ShouldBeTrue();
        d.ShowsDecrease.ShouldBeFalse();
        d.Admits(2).ShouldBeTrue();
        d.Admits(1).ShouldBeFalse();
        Judge.Points(Judge.Paired([0.04, 0.02], [0.02, 0.02])).ShouldBe("1.0 ± 1.0 points (95%: -11.7 to 13.7, 2 seeds)");
    }

    [Fact]
    public void Unpaired_or_single_seed_inputs_are_refused()
    {
        Should.Throw<ArgumentException>(() => Judge.Paired([1, 2, 3], [1, 2])).ParamName.ShouldBe("control");
        Should.Throw<ArgumentException>(() => Judge.Paired([1], [1])).ParamName.ShouldBe("treated");
        Should.Throw<ArgumentOutOfRangeException>(() => PairedDifference.StudentT975(0));
        PairedDifference.StudentT975(100).ShouldBe(2.042);
    }

    [Theory]
    [InlineData(new[] { -0.03, -0.02, -0.025 }, Verdict.Holds)]               // shrink shown, −2 points admitted
    [InlineData(new[] { -0.006, -0.005, -0.004 }, Verdict.HoldsQualitatively)] // shrink shown, smaller than 2 points
    [InlineData(new[] { -0.01, 0.01, 0.0 }, Verdict.DoesNotHold)]              // no shrink shown
    public void Gap_shrinks_is_judged_by_the_paired_interval(double[] changes, Verdict expected) =>
        OverfittingClaims.GapShrinksVerdict(new PairedDifference(changes)).ShouldBe(expected);

    [Theory]
    [InlineData(new[] { -0.005, 0.01, 0.002 }, Verdict.Holds)]              // no gain shown
    [InlineData(new[] { 0.004, 0.005, 0.006 }, Verdict.HoldsQualitatively)] // a gain shown, within one sampling sd
    [InlineData(new[] { 0.03, 0.04, 0.035 }, Verdict.DoesNotHold)]          // a gain larger than that
    public void Small_data_is_judged_by_the_paired_interval(double[] gains, Verdict expected) =>
        LimitationsClaims.SmallDataVerdict(new PairedDifference(gains), Judge.AccuracySd(0.77, 400)).ShouldBe(expected);

    /// <summary>
    /// The contradiction, defined: <c>000.gap-shrinks</c> holding asserts that dropout's effect on the gap is shown
    /// (a 95% interval below zero); <c>003.small-data</c> holding asserts that no validation gain is shown. When the
    /// training accuracy is 100% in both arms (as in document 000's plateau) the gap change is exactly minus the
    /// validation gain, so both holding would assert and deny the same effect. Over many random seed sets they never do.
    /// </summary>
    [Fact]
    public void Gap_shrinks_and_small_data_never_both_hold_on_the_same_measurement()
    {
        var random = new Random(2026);
        double little = Judge.AccuracySd(0.77, OverfittingClaims.ValidationSize);
        int shrinkHeld = 0, smallHeld = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            int seeds = random.Next(2, 9);
            double effect = (random.NextDouble() - 0.3) * 0.06, noise = random.NextDouble() * 0.03;
            var withoutVal = Enumerable.Range(0, seeds).Select(_ => 0.75 + random.NextDouble() * 0.05).ToArray();
            var withVal = withoutVal.Select(v => v + effect + noise * (random.NextDouble() - 0.5)).ToArray();
            var gain = Judge.Paired(withVal, withoutVal);
            var gapChange = Judge.Paired(withVal.Select(v => 1 - v).ToArray(), withoutVal.Select(v => 1 - v).ToArray());
            bool shrinkHolds = OverfittingClaims.GapShrinksVerdict(gapChange) == Verdict.Holds;
            bool smallHolds = LimitationsClaims.SmallDataVerdict(gain, little) == Verdict.Holds;
            (shrinkHolds && smallHolds).ShouldBeFalse($"both hold for gain {Judge.Points(gain)}");
            if (shrinkHolds) shrinkHeld++;
            if (smallHolds) smallHeld++;
        }
        shrinkHeld.ShouldBeGreaterThan(100);
        smallHeld.ShouldBeGreaterThan(100);
    }

    /// <summary>On the ledger itself (document 000's experiment over five seeds), the two rows do not both hold.</summary>
    [Fact]
    public void The_ledger_does_not_hold_both_gap_shrinks_and_small_data()
    {
        var shrink = fixture.Row("000.gap-shrinks");
        var small = fixture.Row("003.small-data");
        (shrink.Verdict == Verdict.Holds && small.Verdict == Verdict.Holds).ShouldBeFalse($"{shrink.MeasuredValue} / {small.MeasuredValue}");
    }
}
