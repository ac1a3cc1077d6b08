using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Training;
using Verification.Properties.Support;
using Verification.Properties.Training.Broken;
using Xunit;

namespace Verification.Properties.Training;

public class EarlyStoppingTests
{
    /// <summary>A run: validation losses (coarse values, so ties and near-ties are common), patience and min delta.</summary>
    public sealed record Run(double[] Losses, int Patience, double MinDelta);

    private static readonly Gen<Run> Runs =
        from length in Gen.Choose(1, 40)
        from steps in Gen.Choose(0, 20).ArrayOf(length)
        from patience in Gen.Choose(1, 6)
        from minDelta in Gen.Elements(0.0, 0.05, 0.1, 0.25)
        select new Run(steps.Select(s => s / 10.0).ToArray(), patience, minDelta);

    /// <summary>
    /// The rule restated without a counter: epoch i improves when its loss is below the best loss of the epochs
    /// before it (the minimum over the improving ones) by more than minDelta; training stops at the first epoch i
    /// such that none of the last <c>patience</c> epochs (i − patience, i] improved. Null: it never stops.
    /// </summary>
    internal static (int? Stop, int Best) Expected(double[] losses, int patience, double minDelta)
    {
        var improving = new bool[losses.Length];
        for (int i = 0; i < losses.Length; i++)
        {
            double best = Enumerable.Range(0, i).Where(j => improving[j]).Select(j => losses[j]).DefaultIfEmpty(double.PositiveInfinity).Min();
            improving[i] = losses[i] < best - minDelta;
        }
        int? stop = Enumerable.Range(0, losses.Length)
            .Where(i => i + 1 >= patience && Enumerable.Range(i - patience + 1, patience).All(j => !improving[j]))
            .Select(i => (int?)i).FirstOrDefault();
        int end = stop ?? losses.Length - 1;
        int bestEpoch = Enumerable.Range(0, end + 1).Where(j => improving[j]).DefaultIfEmpty(-1).Max();
        return (stop, bestEpoch);
    }

    /// <summary>Feeds the losses until the first stop; before each call the model's weights are set to values unique to the epoch.</summary>
    internal static (int? Stop, TinyLinear Model) Drive(Func<double, TinyLinear, bool> shouldStop, double[] losses)
    {
        var model = new TinyLinear([0f, 0f, 0f], 0f);
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            SetEpochWeights(model, epoch);
            if (shouldStop(losses[epoch], model)) return (epoch, model);
        }
        return (null, model);
    }

    internal static void SetEpochWeights(TinyLinear model, int epoch)
    {
        model.Weight.Value[0] = epoch * 1.1f;
        model.Weight.Value[1] = MathF.BitDecrement(epoch + 0.3f);
        model.Weight.Value[2] = 1f / (epoch + 3);
        model.Bias.Value[0] = -epoch;
        model.Seen[0] = epoch * 7;
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Training_stops_at_the_first_epoch_after_patience_epochs_without_improvement() =>
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var stopper = new EarlyStopping(run.Patience, run.MinDelta);
            var (stop, _) = Drive(stopper.ShouldStop, run.Losses);
            var (expectedStop, expectedBest) = Expected(run.Losses, run.Patience, run.MinDelta);
            return (stop == expectedStop).Label($"stopped at {stop?.ToString() ?? "never"}, expected {expectedStop?.ToString() ?? "never"}")
                .And((stopper.BestEpoch == expectedBest).Label($"best epoch {stopper.BestEpoch}, expected {expectedBest}"))
                .And((expectedBest < 0 || stopper.BestLoss == run.Losses[expectedBest]).Label("best loss"))
                .Classify(stop is null, "never stopped")
                .Classify(run.MinDelta > 0, "minDelta > 0");
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Stopping_restores_the_best_epochs_weights_and_buffers_bit_for_bit() =>
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var stopper = new EarlyStopping(run.Patience, run.MinDelta);
            var (stop, model) = Drive(stopper.ShouldStop, run.Losses);
            if (stop is null || stopper.BestEpoch < 0) return true.Classify(true, "no stop, nothing to restore");
            var expected = new TinyLinear([0f, 0f, 0f], 0f);
            SetEpochWeights(expected, stopper.BestEpoch);
            Compare.Exact(expected.Weight.Value.Data, model.Weight.Value.Data, "weight");
            Compare.Exact(expected.Bias.Value.Data, model.Bias.Value.Data, "bias");
            Compare.Exact(expected.Seen.Data, model.Seen.Data, "buffer seen");
            return true.Classify(stopper.BestEpoch < stop, "restored an earlier epoch");
        });

    [Fact]
    public void The_property_rejects_a_stopper_that_never_resets_its_counter()
    {
        var failures = RunsThatDisagree((losses, patience, minDelta) => new StopperWithoutReset(patience, minDelta).ShouldStop);
        Assert.NotEmpty(failures);
    }

    [Fact]
    public void The_property_rejects_a_stopper_that_counts_ties_within_min_delta_as_improvements()
    {
        var failures = RunsThatDisagree((losses, patience, minDelta) => new StopperWithInclusiveDelta(patience, minDelta).ShouldStop);
        Assert.NotEmpty(failures);
    }

    /// <summary>Fixed runs that exercise resets and ties; returns those where a broken stopper disagrees with the restated rule.</summary>
    private static List<double[]> RunsThatDisagree(Func<double[], int, double, Func<double, TinyLinear, bool>> make)
    {
        double[][] runs =
        [
            [1.0, 0.9, 0.95, 0.8, 0.85, 0.7, 0.75, 0.6, 0.65, 0.66],
            [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5],
            [1.0, 0.9, 0.8, 0.7, 0.6, 0.5],
        ];
        var bad = new List<double[]>();
        foreach (var losses in runs)
        {
            foreach (int patience in new[] { 1, 2, 3 })
            {
                var (stop, _) = Drive(make(losses, patience, 0.0), losses);
                if (stop != Expected(losses, patience, 0.0).Stop) bad.Add(losses);
            }
        }
        return bad;
    }

    [Fact]
    public void Without_restore_the_last_weights_stay_and_RestoreBest_refuses()
    {
        var stopper = new EarlyStopping(1, restoreBestWeights: false);
        var (stop, model) = Drive(stopper.ShouldStop, [0.5, 0.7]);
        Assert.Equal(1, stop);
        Assert.Equal(1.1f, model.Weight.Value[0]);
        Assert.Throws<InvalidOperationException>(() => stopper.RestoreBest(model));
    }

    [Fact]
    public void A_NaN_loss_is_never_an_improvement()
    {
        var stopper = new EarlyStopping(2);
        var (stop, _) = Drive(stopper.ShouldStop, [double.NaN, double.NaN, 1.0]);
        Assert.Equal(1, stop);
        Assert.Equal(-1, stopper.BestEpoch);
    }

    [Fact]
    public void RestoreBest_before_any_improvement_is_refused()
    {
        var stopper = new EarlyStopping(3);
        Assert.Throws<InvalidOperationException>(() => stopper.RestoreBest(new TinyLinear([1f], 0f)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_patience_below_one_is_rejected(int patience)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(patience));
        Assert.Equal("patience", ex.ParamName);
        Assert.Contains(patience.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_min_delta_is_rejected(double minDelta)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(2, minDelta));
        Assert.Equal("minDelta", ex.ParamName);
        Assert.Contains(minDelta.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }
}
