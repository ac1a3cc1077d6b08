using System.Text.Json;
using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Experiments.Claims;
using Verification.Experiments.Document002;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>Runs every experiment of document 002 once per test run, on the optimized stack, and judges its claims.</summary>
public sealed class Document002Fixture
{
    public Document002Fixture()
    {
        IStack stack = Stacks.Optimized;
        Dropout = InvertedDropoutCheck.Run(stack);
        Sine = SineWaveScript.Run(stack);
        Decay = AdamDecayComparison.Run(stack);
        Table = RegularisationTable.Run(stack);
        Shift = BatchNormVarianceShift.Run(stack);
        Rows = DropoutInternalsClaims.Rows(Dropout)
            .Concat(SineWaveClaims.Rows(Sine))
            .Concat(AdamDecayClaims.Rows(Decay))
            .Concat(RegularisationTableClaims.Rows(Table))
            .Concat(BatchNormDropoutClaims.Rows(Shift))
            .ToDictionary(r => r.Id);
    }

    public InvertedDropoutResult Dropout { get; }
    public SineWaveResult Sine { get; }
    public AdamDecayResult Decay { get; }
    public RegularisationTableResult Table { get; }
    public BatchNormVarianceShiftResult Shift { get; }
    public IReadOnlyDictionary<string, ClaimRow> Rows { get; }
}

public sealed class Document002ClaimsTests(Document002Fixture fixture) : IClassFixture<Document002Fixture>
{
    /// <summary>Every 002 row's expected verdict (the ledger's completeness test reads this list too).</summary>
    public static readonly TheoryData<string, Verdict> Verdicts = new()
    {
        { "002.ones-train-mean", Verdict.DoesNotHold },
        { "002.ones-train-nonzero", Verdict.DoesNotHold },
        { "002.ones-mean-near-one", Verdict.Holds },
        { "002.ones-eval-identity", Verdict.Holds },
        { "002.train-logits-differ", Verdict.Holds },
        { "002.train-logits-values", Verdict.DoesNotHold },
        { "002.eval-logits-equal", Verdict.Holds },
        { "002.eval-logits-values", Verdict.DoesNotHold },
        { "002.dropout2d-surviving-channels", Verdict.Holds },
        { "002.dropout2d-whole-channels", Verdict.Holds },
        { "002.sine-total-weights", Verdict.DoesNotHold },
        { "002.sine-sparsity-none", Verdict.HoldsQualitatively },
        { "002.sine-sparsity-l2", Verdict.HoldsQualitatively },
        { "002.sine-sparsity-l1", Verdict.HoldsQualitatively },
        { "002.sine-l1-sparser-than-l2", Verdict.Holds },
        { "002.sine-l1-exact-zeros", Verdict.DoesNotHold },
        { "002.sine-l2-shrinks", Verdict.Holds },
        { "002.sine-final-mse-none", Verdict.HoldsQualitatively },
        { "002.sine-final-mse-l2", Verdict.HoldsQualitatively },
        { "002.sine-final-mse-l1", Verdict.HoldsQualitatively },
        { "002.adam-decay-large-gradients", Verdict.Holds },
        { "002.adamw-stronger-than-adam", Verdict.DoesNotHold },
        { "002.table-baseline", Verdict.HoldsQualitatively },
        { "002.table-l2", Verdict.DoesNotHold },
        { "002.table-dropout", Verdict.DoesNotHold },
        { "002.table-dropout-l2", Verdict.DoesNotHold },
        { "002.table-batchnorm", Verdict.DoesNotHold },
        { "002.table-batchnorm-l2", Verdict.DoesNotHold },
        { "002.table-regularisation-narrows-gap", Verdict.DoesNotHold },
        { "002.table-regularisation-improves-validation", Verdict.DoesNotHold },
        { "002.table-weight-decay-effect", Verdict.DoesNotHold },
        { "002.batchnorm-variance-shift", Verdict.Holds },
        { "002.batchnorm-dropout-hurts", Verdict.DoesNotHold },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Each_claim_gets_the_verdict_its_rule_gives(string id, Verdict expected)
    {
        Assert.True(fixture.Rows.TryGetValue(id, out ClaimRow? row), $"no row {id}");
        Assert.True(row.Verdict == expected, $"{id}: expected {expected}, got {row.Verdict}; measured {row.MeasuredValue}; {row.Note}");
    }

    [Fact]
    public void Every_row_is_listed_once_and_names_the_document()
    {
        Assert.Equal(33, fixture.Rows.Count);
        Assert.All(fixture.Rows.Values, r =>
        {
            Assert.Equal(CourseDocuments.Document002, r.Document);
            Assert.StartsWith("002.", r.Id);
            // Each field a reader needs, on its own: a row with a claim but no measurement must fail.
            Assert.False(string.IsNullOrWhiteSpace(r.Claim), $"{r.Id}: no claim");
            Assert.False(string.IsNullOrWhiteSpace(r.DocumentValue), $"{r.Id}: no document value");
            Assert.False(string.IsNullOrWhiteSpace(r.MeasuredValue), $"{r.Id}: no measured value");
            Assert.False(string.IsNullOrWhiteSpace(r.Note), $"{r.Id}: no note");
        });
        var sets = Document002Claims.All;
        Assert.Equal(5, sets.Select(s => s.Name).Distinct().Count());
        Assert.All(sets, s => Assert.Equal(CourseDocuments.Document002, s.Document));
    }

    [Fact]
    public void The_claim_set_gives_the_rows_of_its_experiment()
    {
        var set = Document002Claims.All.OfType<DropoutInternalsClaims>().Single();
        Assert.Equal(DropoutInternalsClaims.Rows(fixture.Dropout), set.Run(Stacks.Optimized));
    }

    [Fact]
    public void The_ones_proof_keeps_what_PyTorch_keeps_with_seed_7()
    {
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "dropout.json")));
        JsonElement ones = golden.RootElement.GetProperty("cases").EnumerateArray().Single(c =>
            c.GetProperty("op").GetString() == "Dropout.ones" && c.GetProperty("seed").GetInt32() == 7 &&
            c.GetProperty("params").GetProperty("p").GetDouble() == 0.5);
        int pytorchKept = ones.GetProperty("values").EnumerateArray().Count(v => v.GetDouble() != 0);
        Assert.Equal(4956, pytorchKept);
        Assert.Equal(pytorchKept, fixture.Dropout.OnesKept);
        Assert.Equal(0.9912, fixture.Dropout.OnesTrainMean, 12);
        Assert.Equal(0.4956, fixture.Dropout.OnesTrainNonZeroFraction, 12);
    }

    [Fact]
    public void Dropout2d_keeps_six_of_sample_zeros_channels_whole()
    {
        Assert.Equal(6, fixture.Dropout.SurvivingChannelsOfSample0);
        Assert.True(fixture.Dropout.WholeChannelsDropped);
        Assert.Equal(16, fixture.Dropout.ChannelSurvived.Length);
    }

    [Fact]
    public void The_sine_net_has_16640_weights_and_L1_is_the_sparsest()
    {
        Assert.Equal(16640, fixture.Sine.None.Sparsity.Total);
        Assert.Equal(16640, fixture.Sine.L1.Weights.Length);
        Assert.Equal(500, fixture.Sine.L1.EpochLosses.Length);
        // The document's margin L1 − L2 is 26.2 points; the claim holds at half of it.
        Assert.True(fixture.Sine.L1.Sparsity.Percent - fixture.Sine.L2.Sparsity.Percent >= 13.1,
            $"L1 {fixture.Sine.L1.Sparsity.Percent}% vs L2 {fixture.Sine.L2.Sparsity.Percent}%");
        Assert.True(fixture.Sine.None.Sparsity.Percent < 5, $"none {fixture.Sine.None.Sparsity.Percent}%");
        // Adam + penalty never lands exactly on zero.
        Assert.Equal(0, fixture.Sine.L1.ExactZeros);
    }

    [Fact]
    public void Regularised_sine_fits_end_above_the_unregularised_one_but_by_little()
    {
        float none = fixture.Sine.None.FinalMse;
        Assert.InRange(none, 0.05f, 0.09f);
        Assert.InRange(fixture.Sine.L2.FinalMse - none, 0f, 0.01f);
        Assert.InRange(fixture.Sine.L1.FinalMse - none, 0f, 0.01f);
    }

    [Fact]
    public void The_table_overfits_to_full_training_accuracy_in_every_row()
    {
        Assert.Equal(6, fixture.Table.Rows.Count);
        Assert.All(fixture.Table.Rows, r =>
        {
            Assert.True(r.TrainAccuracy >= 0.99f, $"{r.Configuration.Name}: train {r.TrainAccuracy}");
            Assert.Equal(60, r.EpochLosses.Length);
        });
        Assert.Equal(3, fixture.Table.WithoutDecay.Count);
    }

    [Fact]
    public void Weight_decay_in_the_table_moves_validation_accuracy_by_at_most_a_few_samples()
    {
        foreach (var row in fixture.Table.Rows.Where(r => r.Configuration.WeightDecay != 0))
        {
            var twin = fixture.Table.WithoutDecay[row.Configuration.Name];
            Assert.InRange(Math.Abs(row.ValidationAccuracy - twin.ValidationAccuracy), 0, 0.01);
        }
    }

    [Fact]
    public void Adam_coupled_decay_is_concentrated_on_low_gradient_weights()
    {
        var d = fixture.Decay;
        Assert.True(d.HighGradient.AdamOverAdamW * AdamDecayClaims.ConcentrationFactor <= d.LowGradient.AdamOverAdamW,
            $"high {d.HighGradient.AdamOverAdamW}, low {d.LowGradient.AdamOverAdamW}");
        Assert.True(d.All.Adam > d.All.AdamW, $"Adam {d.All.Adam}, AdamW {d.All.AdamW}");
        // AdamW's decay over 500 steps: 1 − (1 − 1e-6)^500 ≈ 5e-4 of each weight, give or take the trajectory.
        Assert.InRange(d.All.AdamW, 1e-4, 2e-3);
    }

    [Fact]
    public void Dropout_before_BatchNorm_leaves_the_running_variance_too_large_at_eval()
    {
        var s = fixture.Shift;
        Assert.Equal(64, s.WithDropout.VarianceRatios.Length);
        Assert.True(s.WithDropout.MeanRatio < 0.95, $"with dropout {s.WithDropout.MeanRatio}");
        Assert.True(Math.Abs(1 - s.Control.MeanRatio) < 0.05, $"control {s.Control.MeanRatio}");
    }

    // ----- the pieces -----

    [Fact]
    public void Near_zero_count_covers_weights_only_and_rounds_as_Python()
    {
        IStack stack = Stacks.Reference;
        IModule model = stack.Sequential(stack.Linear(3, 2, new TorchGenerator(1)));
        var p = model.NamedParameters().ToDictionary(n => n.Name, n => n.Parameter);
        float[] w = [0f, 5e-4f, -9.99e-4f, 1e-3f, -0.5f, 2f];
        w.CopyTo(p["0.weight"].Value.Data, 0);
        p["0.bias"].Value.Data[0] = 0f;
        p["0.bias"].Value.Data[1] = 0f;
        var report = SineWaveScript.CountNearZeroWeights(model);
        Assert.Equal(new SparsityReport(6, 3, 50.0), report);
        Assert.Throws<ArgumentOutOfRangeException>(() => SineWaveScript.CountNearZeroWeights(model, 0f));
    }

    [Fact]
    public void Mean_and_nonzero_fraction_of_a_dropout_output()
    {
        var (mean, fraction, count) = InvertedDropoutCheck.MeanAndNonZero(Tensor.Vector(0f, 2f, 2f, 0f, 2f));
        Assert.Equal(1.2, mean, 12);
        Assert.Equal(0.6, fraction, 12);
        Assert.Equal(3, count);
        Assert.Throws<ArgumentException>(() => InvertedDropoutCheck.MeanAndNonZero(new Tensor(0)));
    }

    [Fact]
    public void Channel_survival_flags_a_partly_zeroed_plane()
    {
        var maps = Tensor.Ones(1, 2, 2, 2);
        for (int i = 0; i < 4; i++) maps.Data[i] = 0f;
        var (survived, whole) = InvertedDropoutCheck.ChannelSurvival(maps);
        Assert.Equal([false, true], survived);
        Assert.True(whole);
        maps.Data[0] = 1f;
        Assert.False(InvertedDropoutCheck.ChannelSurvival(maps).WholeChannels);
    }

    [Fact]
    public void AllClose_uses_torchs_default_tolerances()
    {
        Assert.True(InvertedDropoutCheck.AllClose(Tensor.Vector(1f), Tensor.Vector(1.000005f)));
        Assert.False(InvertedDropoutCheck.AllClose(Tensor.Vector(1f), Tensor.Vector(1.0001f)));
        Assert.False(InvertedDropoutCheck.AllClose(Tensor.Vector(1f, 2f), Tensor.Vector(1f)));
    }

    [Fact]
    public void Variance_ratio_of_a_column_against_its_running_variance()
    {
        var x = Tensor.FromValues([1f, 0f, 3f, 0f, 5f, 0f], 3, 2);
        float[] ratios = BatchNormVarianceShift.VarianceRatios(x, Tensor.Vector(2f, 1f));
        Assert.Equal(2f, ratios[0], 6); // unbiased variance of 1, 3, 5 is 4
        Assert.Equal(0f, ratios[1], 6);
        Assert.Throws<ArgumentException>(() => BatchNormVarianceShift.VarianceRatios(x, Tensor.Vector(1f)));
    }

    [Fact]
    public void Shrink_compares_magnitudes_with_the_undecayed_run()
    {
        var s = AdamDecayComparison.Shrink([0, 1], [2f, -2f], [1f, -1f], [-2f, 1f]);
        Assert.Equal(0.5, s.Adam, 12);
        Assert.Equal(0.25, s.AdamW, 12);
        Assert.Equal(2.0, s.AdamOverAdamW, 12);
    }

    [Fact]
    public void Decay_twins_leave_the_documents_rows_as_drawn()
    {
        var without = RegularisationTable.Run(Stacks.Optimized, decayTwins: false, epochs: 1);
        var with = RegularisationTable.Run(Stacks.Optimized, decayTwins: true, epochs: 1);
        for (int i = 0; i < without.Rows.Count; i++)
        {
            Assert.Equal(without.Rows[i].ValidationAccuracy, with.Rows[i].ValidationAccuracy);
            Assert.Equal(without.Rows[i].EpochLosses, with.Rows[i].EpochLosses);
        }
        Assert.Empty(without.WithoutDecay);
    }

    [Fact]
    public void Sparsity_rule_rejects_an_L1_run_no_sparser_than_L2()
    {
        var s = fixture.Sine;
        var flat = s with { L1 = s.L1 with { Sparsity = s.L2.Sparsity } };
        var row = SineWaveClaims.Rows(flat).Single(r => r.Id == "002.sine-l1-sparser-than-l2");
        Assert.Equal(Verdict.DoesNotHold, row.Verdict);
    }

    [Fact]
    public void Table_rule_holds_when_the_rows_are_the_documents()
    {
        var docRows = fixture.Table.Rows.Select((r, i) => r with
        {
            TrainAccuracy = (float)RegularisationTableClaims.DocumentRows[i].Train,
            ValidationAccuracy = (float)RegularisationTableClaims.DocumentRows[i].Validation,
            Gap = (float)RegularisationTableClaims.DocumentRows[i].Gap,
        }).ToArray();
        var rows = RegularisationTableClaims.Rows(fixture.Table with { Rows = docRows });
        Assert.All(rows.Where(r => r.Id != "002.table-weight-decay-effect"), r => Assert.Equal(Verdict.Holds, r.Verdict));
    }
}
