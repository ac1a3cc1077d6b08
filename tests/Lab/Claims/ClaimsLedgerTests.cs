using Shouldly;
using Verification.Experiments.Claims;
using Verification.Experiments.Regularisation;
using Xunit;

namespace Verification.Lab.Tests.Claims;

/// <summary>
/// The ledger as an approved snapshot (any moved number shows up in review) and one verdict per row. The verdict
/// rules live in the claim sets and follow from each claim (see the row's note); these tests pin the outcome.
/// </summary>
public sealed class ClaimsLedgerTests(LedgerFixture fixture) : IClassFixture<LedgerFixture>
{
    /// <summary>
    /// Every row's expected verdict (document 002's are in <see cref="Document002ClaimsTests.Verdicts"/>, beside its
    /// experiments' own checks). A new row needs a line, a changed verdict needs a reviewed edit.
    /// </summary>
    public static readonly TheoryData<string, Verdict> Verdicts = new()
    {
        { "000.script-train-100", Verdict.Holds },
        { "000.script-val-100", Verdict.HoldsQualitatively },
        { "000.first-100-train", Verdict.Holds },
        { "000.first-100-train-dropout", Verdict.HoldsQualitatively },
        { "000.val-plateau", Verdict.Holds },
        { "000.gap", Verdict.Holds },
        { "000.val-dropout", Verdict.HoldsQualitatively },
        { "000.gap-shrinks", Verdict.Holds },
        { "000.eval-forgotten", Verdict.HoldsQualitatively },
        { "001.ten-ones-dropped", Verdict.HoldsQualitatively },
        { "001.ten-ones-scale", Verdict.Holds },
        { "001.sum-kept", Verdict.Holds },
        { "001.fifty-train-zeros", Verdict.DoesNotHold },
        { "001.fifty-mask-dropped", Verdict.Holds },
        { "001.fifty-eval-zeros", Verdict.DoesNotHold },
        { "001.eval-deterministic", Verdict.Holds },
        { "001.slower-2x", Verdict.Holds },
        { "003.masked", Verdict.Holds },
        { "003.inverted", Verdict.Holds },
        { "003.seeded-mask", Verdict.DoesNotHold },
        { "003.test-identity", Verdict.Holds },
        { "003.mean-1000-printed", Verdict.HoldsQualitatively },
        { "003.mean-1000-expected", Verdict.Holds },
        { "003.dropped-gradient", Verdict.Holds },
        { "003.sensitivity-levels", Verdict.DoesNotHold },
        { "003.sensitivity-gap-p0", Verdict.DoesNotHold },
        { "003.sensitivity-train-rises", Verdict.DoesNotHold },
        { "003.sensitivity-underfit", Verdict.DoesNotHold },
        { "003.slower-p05", Verdict.Holds },
        { "003.underfit-p08", Verdict.HoldsQualitatively },
        { "003.small-data", Verdict.DoesNotHold },
        { "004.mask-example", Verdict.HoldsQualitatively },
        { "004.noisier", Verdict.Holds },
        { "002.cnn-spatial-safer", Verdict.Holds },
        { "002.cnn-dropout-no-gain", Verdict.Holds },
        { "002.cnn-gap", Verdict.HoldsQualitatively },
        { "001.cnn-conv-rate-best", Verdict.Holds },
        { "001.cnn-conv-rate-high-hurts", Verdict.Holds },
        { "003.mc-dropout-uncertainty", Verdict.Holds },
    };

    [Fact]
    public void Ledger_matches_its_approved_snapshot()
    {
        string folder = Path.GetDirectoryName(Path.Combine(LedgerFixture.RepositoryRoot(), LedgerSnapshot.ApprovedPath))!;
        LedgerSnapshot.Render(fixture.Ledger.Rows).ShouldMatchApproved(c => c.SubFolder(folder).NoDiff());
    }

    [Theory]
    [MemberData(nameof(Verdicts))]
    [MemberData(nameof(RegularisationClaimsTests.Verdicts), MemberType = typeof(RegularisationClaimsTests))]
    public void Each_claim_has_its_approved_verdict(string id, Verdict expected)
    {
        var row = fixture.Row(id);
        row.Verdict.ShouldBe(expected, $"{id}: measured {row.MeasuredValue}; rule: {row.Note}");
    }

    [Fact]
    public void Every_row_has_a_verdict_test_and_every_verdict_test_a_row()
    {
        var tested = Verdicts.Concat(Document002ClaimsTests.Verdicts).Concat(RegularisationClaimsTests.Verdicts)
            .Select(d => (string)d[0]).Order(StringComparer.Ordinal).ToArray();
        fixture.Ledger.Rows.Select(r => r.Id).Order(StringComparer.Ordinal).ShouldBe(tested);
    }

    [Fact]
    public void Every_row_names_its_document_and_states_its_rule()
    {
        foreach (var row in fixture.Ledger.Rows)
        {
            row.Document.ShouldStartWith(row.Id[..3] + "_", customMessage: row.Id);
            row.Note.ShouldNotBeNullOrWhiteSpace(row.Id);
            row.MeasuredValue.ShouldNotBeNullOrWhiteSpace(row.Id);
        }
    }

    [Fact]
    public void The_ledger_is_deterministic_on_the_same_stack()
    {
        var again = ClaimsLedger.Run(Stacks.Optimized,
            [new Experiments.Document003.ChurnMaskClaims(), new Experiments.Document001.DropoutBasicsClaims()]);
        foreach (var row in again.Rows)
        {
            row.ShouldBe(fixture.Row(row.Id));
        }
    }

    [Fact]
    public void Figures_are_offered_for_the_accuracy_curves_the_sparsity_histogram_and_the_rate_sensitivity()
    {
        fixture.Ledger.Figures.Select(f => f.FileName).ShouldBe(
            ["000-accuracy.png", "000-loss.png", "002-weight-histogram.png", "002-sine-loss.png", "003-rate-sensitivity.png",
                "002-cnn-conv-dropout.png", "001-cnn-conv-rates.png", "003-mc-dropout-uncertainty.png",
                CombinationClaims.FigureFile, DropoutRateClaims.FigureFile]);
        fixture.Ledger.Figures[0].Panels.Count.ShouldBe(2, "without and with dropout side by side");
        fixture.Ledger.Figures.SelectMany(f => f.Panels).SelectMany(p => p.Series).ShouldAllBe(s => s.X.Length == s.Y.Length && s.X.Length > 0);
    }

    [Fact]
    public void Panels_side_by_side_share_their_axes_and_every_point_lies_inside_them()
    {
        // Panels are meant to be compared when they plot the same quantities (the same axis labels); a figure whose
        // panels plot different ones (accuracy beside a gap, a curve beside a by-rate summary) keeps its own ranges.
        var multiPanel = fixture.Ledger.Figures
            .Where(f => f.Panels.Count > 1 && f.Panels.Select(p => (p.XLabel, p.YLabel)).Distinct().Count() == 1)
            .ToArray();
        multiPanel.Select(f => f.FileName).ShouldContain("000-accuracy.png");
        foreach (var figure in multiPanel)
        {
            var limits = figure.Panels[0].Limits.ShouldNotBeNull($"{figure.FileName}: compared panels need fixed, shared limits");
            foreach (var panel in figure.Panels)
            {
                panel.Limits.ShouldBe(limits, $"{figure.FileName}, panel '{panel.Title}'");
                foreach (var series in panel.Series)
                {
                    series.X.ShouldAllBe(x => x >= limits.XMin && x <= limits.XMax, $"{figure.FileName}: {series.Label}");
                    series.Y.ShouldAllBe(y => y >= limits.YMin && y <= limits.YMax, $"{figure.FileName}: {series.Label}");
                }
            }
        }
    }

    [Fact]
    public void The_markdown_page_starts_with_the_method_and_lists_every_row()
    {
        string page = ClaimsMarkdown.Render(fixture.Ledger);
        page.ShouldStartWith("# Claims ledger");
        page.IndexOf("## Method", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf("## 000_", StringComparison.Ordinal));
        foreach (var row in fixture.Ledger.Rows)
        {
            page.ShouldContain($"`{row.Id}`");
        }
        page.ShouldContain("![");
    }
}
