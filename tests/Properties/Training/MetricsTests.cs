using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Training;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Training;

public class MetricsTests
{
    [Fact]
    public void Binary_accuracy_counts_positive_logits_as_class_one()
    {
        var logits = Tensor.FromValues([2f, -1f, 0f, 0.5f, -3f], 5, 1);
        var targets = Tensor.FromValues([1f, 0f, 1f, 0f, 0f], 5, 1);
        // rows 0, 1 and 4 right; a logit of exactly 0 predicts class 0 (row 2 wrong); row 3 wrong.
        Assert.Equal(3f / 5f, Metrics.BinaryAccuracy(logits, targets));
        Assert.Equal(3f / 5f, Metrics.BinaryAccuracy(logits.Reshape(5), targets.Reshape(5)));
    }

    [Fact]
    public void Binary_accuracy_is_the_float_mean_the_document_prints()
    {
        // 40 of 60 right is 0.6666667 in float (experiments.json prints train_acc 0.6666667 for seed 42, epoch 0).
        var logits = new Tensor(60, 1);
        var targets = new Tensor(60, 1);
        for (int i = 0; i < 40; i++) targets[i] = 0f;
        for (int i = 40; i < 60; i++) targets[i] = 1f;
        Assert.Equal(0.6666667f, Metrics.BinaryAccuracy(logits, targets));
    }

    [Fact]
    public void Multiclass_accuracy_takes_the_first_maximum()
    {
        var logits = Tensor.FromValues(
        [
            1f, 3f, 3f, 0f,      // tie between 1 and 2 → 1
            5f, 5f, 5f, 5f,      // all equal → 0
            -1f, -2f, -0.5f, -3f, // → 2
        ], 3, 4);
        Assert.Equal(1f, Metrics.MulticlassAccuracy(logits, Tensor.Vector(1f, 0f, 2f)));
        Assert.Equal(0f, Metrics.MulticlassAccuracy(logits, Tensor.Vector(2f, 3f, 0f)));
        Assert.Equal(2, Metrics.MulticlassCorrect(logits, Tensor.Vector(1f, 1f, 2f)));
    }

    [Fact]
    public void Argmax_counts_NaN_as_the_largest_value_as_torch_does()
    {
        var logits = Tensor.FromValues([1f, float.NaN, 9f, float.NaN], 1, 4);
        Assert.Equal(1, Metrics.ArgMax(logits, 0));
    }

    [Fact]
    public void The_gap_is_train_minus_validation() => Assert.Equal(0.25f, Metrics.Gap(1f, 0.75f));

    private static readonly Gen<(float[] Logits, float[] Targets, int Classes)> Cases =
        from n in Gen.Choose(1, 60)
        from classes in Gen.Choose(1, 5)
        from logits in Gen.Choose(-4, 4).Select(v => v / 2f).ArrayOf(n * classes)
        from targets in Gen.Choose(0, classes - 1).Select(v => (float)v).ArrayOf(n)
        select (logits, targets, classes);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Accuracy_is_the_count_of_right_rows_over_N_and_lies_in_0_to_1() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            int n = c.Targets.Length;
            var logits = Tensor.FromValues(c.Logits, n, c.Classes);
            var targets = Tensor.Vector(c.Targets);
            int right = Enumerable.Range(0, n).Count(i =>
            {
                var row = c.Logits.Skip(i * c.Classes).Take(c.Classes).ToArray();
                return Array.IndexOf(row, row.Max()) == (int)c.Targets[i];
            });
            float multi = Metrics.MulticlassAccuracy(logits, targets);

            var binaryTargets = Tensor.FromValues(c.Targets.Select(t => t > 0 ? 1f : 0f).ToArray(), n, 1);
            var binaryLogits = Tensor.FromValues(c.Logits.Take(n).ToArray(), n, 1);
            int binaryRight = Enumerable.Range(0, n).Count(i => (c.Logits[i] > 0) == (binaryTargets[i] == 1f));
            float binary = Metrics.BinaryAccuracy(binaryLogits, binaryTargets);

            return (multi == (float)right / n).Label($"multiclass {multi} vs {right}/{n}")
                .And((binary == (float)binaryRight / n).Label($"binary {binary} vs {binaryRight}/{n}"))
                .And((multi is >= 0f and <= 1f && binary is >= 0f and <= 1f).Label("in [0, 1]"))
                .Classify(multi == 1f, "all right");
        });

    [Fact]
    public void Binary_logits_of_the_wrong_shape_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Metrics.BinaryAccuracy(new Tensor(4, 2), new Tensor(4, 2)));
        Assert.Equal("logits", ex.ParamName);
        Assert.Contains("[4, 2]", ex.Message);
    }

    [Fact]
    public void Binary_targets_that_do_not_match_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Metrics.BinaryAccuracy(new Tensor(4, 1), new Tensor(3, 1)));
        Assert.Equal("targets", ex.ParamName);
        Assert.Contains("[3, 1]", ex.Message);
    }

    [Fact]
    public void Multiclass_inputs_of_the_wrong_shape_are_rejected()
    {
        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => Metrics.MulticlassAccuracy(new Tensor(4), new Tensor(4))).ParamName);
        var ex = Assert.Throws<ArgumentException>(() => Metrics.MulticlassAccuracy(new Tensor(4, 3), new Tensor(5)));
        Assert.Equal("targetIndices", ex.ParamName);
        Assert.Contains("[5]", ex.Message);
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.ArgMax(new Tensor(2, 3), 2)).ParamName);
    }
}
