using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Properties.Golden;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Data;

public class DatasetTests
{
    /// <summary>The 16-block normal path matches PyTorch to about 1e-6 (tests/Golden/README.md).</summary>
    private const double BlockTolerance = 2e-6;

    private static JsonElement GoldenCase(string op, ulong seed, Func<JsonElement, bool>? also = null) =>
        GoldenFile.Cases("rng.json").First(c => c.Op() == op && c.Seed() == seed && (also?.Invoke(c) ?? true));

    [Theory]
    [InlineData(42UL)]
    [InlineData(0UL)]
    public void Overfitting_training_inputs_are_PyTorchs_first_randn_after_the_seed(ulong seed)
    {
        var data = OverfittingData.Create(new TorchGenerator(seed));
        float[] expected = GoldenCase("sequence", seed).GetProperty("parts")[0].Floats("values");
        Assert.True(data.TrainInputs.HasShape(60, 20));
        Compare.Close(expected, data.TrainInputs.Data, 0, BlockTolerance, "X_train vs rng.json sequence part 0");
    }

    [Fact]
    public void Overfitting_validation_inputs_follow_the_training_inputs_in_the_stream()
    {
        var g = new TorchGenerator(42);
        var data = OverfittingData.Create(g);
        var replay = new TorchGenerator(42);
        replay.Randn(60, 20);
        Compare.Exact(replay.Randn(400, 20).Data, data.ValidationInputs.Data, "X_val is the next randn(400, 20)");
        Assert.Equal(replay.Random(), g.Random());
    }

    [Theory]
    [InlineData(42UL)]
    [InlineData(0UL)]
    public void Overfitting_labels_follow_the_rule_and_are_roughly_balanced(ulong seed)
    {
        var data = OverfittingData.Create(new TorchGenerator(seed));
        foreach (var (x, y, n) in new[] { (data.TrainInputs, data.TrainTargets, 60), (data.ValidationInputs, data.ValidationTargets, 400) })
        {
            Assert.True(y.HasShape(n, 1));
            int ones = 0;
            for (int i = 0; i < n; i++)
            {
                bool positive = (double)x[i, 0] + 0.5 * x[i, 1] > 0;
                Assert.Equal(positive ? 1f : 0f, y[i]);
                ones += positive ? 1 : 0;
            }
            // x₀ + 0.5·x₁ is symmetric about 0, so ones ~ Binomial(n, 1/2); 4 standard deviations either side.
            double sd = Math.Sqrt(n / 4.0);
            Assert.InRange(ones, n / 2.0 - 4 * sd, n / 2.0 + 4 * sd);
        }
    }

    [Fact]
    public void Noisy_sine_inputs_run_from_exactly_0_to_2pi_in_float()
    {
        var data = NoisySineData.Create(new TorchGenerator(42));
        Assert.True(data.Inputs.HasShape(80, 1));
        Assert.Equal(0f, data.Inputs[0]);
        Assert.Equal((float)(2 * Math.PI), data.Inputs[79]);
    }

    [Fact]
    public void Noisy_sine_inputs_are_spaced_symmetrically_from_both_ends()
    {
        var x = NoisySineData.Create(new TorchGenerator(42)).Inputs;
        float end = (float)(2 * Math.PI);
        float step = end / 79;
        float ulp = MathF.BitIncrement(end) - end;
        for (int i = 0; i < 80; i++)
        {
            Assert.InRange(x[i] + x[79 - i], end - ulp, end + ulp);
            if (i < 79) Assert.InRange(x[i + 1] - x[i], step - 2 * ulp, step + 2 * ulp);
        }
        // The two halves are anchored at different ends: the first at 0, the second at 2π, each one fused multiply-add.
        Assert.Equal(MathF.FusedMultiplyAdd(step, 39, 0f), x[39]);
        Assert.Equal(MathF.FusedMultiplyAdd(-step, 39, end), x[40]);
    }

    [Fact]
    public void Noisy_sine_inputs_are_torch_linspace_bit_for_bit()
    {
        var x = NoisySineData.Create(new TorchGenerator(42)).Inputs;
        float[] expected = GoldenFile.Cases("sine.json").First(c => c.Op() == "sine.data").Floats("x");
        Compare.Exact(expected, x.Data, "linspace(0, 2π, 80)");
    }

    [Fact]
    public void Noisy_sine_targets_are_PyTorchs_except_three_sines_one_ulp_apart()
    {
        // libtorch's float sine is MKL's vmsSin (src/Core/Data/NoisySineData.cs); it and MathF.Sin are each within an
        // ulp of the true sine, and for these 80 inputs they round differently at i = 45, 47 and 51 only.
        var data = NoisySineData.Create(new TorchGenerator(42));
        float[] expected = GoldenFile.Cases("sine.json").First(c => c.Op() == "sine.data").Floats("y");
        var differing = new List<int>();
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] == data.Targets.Data[i]) continue;
            differing.Add(i);
            float sine = MathF.Sin(data.Inputs.Data[i]);
            Assert.InRange(Math.Abs(expected[i] - data.Targets.Data[i]), 0, MathF.BitIncrement(MathF.Abs(sine)) - MathF.Abs(sine));
        }
        Assert.Equal([45, 47, 51], differing);
    }

    [Fact]
    public void Noisy_sine_targets_are_the_sine_plus_three_tenths_of_PyTorchs_randn()
    {
        var data = NoisySineData.Create(new TorchGenerator(42));
        // randn(100) after manual_seed(42) starts with the same 80 values randn(80) would give: the first five
        // 16-blocks use the same uniforms, and randn(100)'s redrawn tail only touches positions 84…99.
        float[] noise = GoldenCase("randn", 42, c => c.Ints("shape").SequenceEqual([100])).Floats("values");
        var expected = new float[80];
        for (int i = 0; i < 80; i++) expected[i] = MathF.Sin(data.Inputs[i]) + 0.3f * noise[i];
        Compare.Close(expected, data.Targets.Data, 0, 2e-6, "sin(x) + 0.3·randn_like(x)");
    }

    [Fact]
    public void Four_class_data_has_the_documents_shapes_and_sparse_true_weights()
    {
        var data = FourClassData.Create(new TorchGenerator(0));
        Assert.True(data.TrainInputs.HasShape(1400, 50));
        Assert.True(data.TrainLabels.HasShape(1400));
        Assert.True(data.ValidationInputs.HasShape(600, 50));
        Assert.True(data.ValidationLabels.HasShape(600));
        Assert.True(data.TrueWeights.HasShape(50, 4));
        for (int k = 10; k < 50; k++)
        {
            for (int c = 0; c < 4; c++) Assert.Equal(0f, data.TrueWeights[k, c]);
        }
        Assert.Contains(data.TrueWeights.Data.Take(40), v => v != 0f);
    }

    [Fact]
    public void Four_class_inputs_start_with_PyTorchs_randn_after_seed_0()
    {
        var data = FourClassData.Create(new TorchGenerator(0));
        // randn(2000·50) and randn(1200) share their first 1184 values (74 whole 16-blocks of the same uniforms).
        float[] golden = GoldenCase("randn", 0, c => c.Ints("shape").SequenceEqual([1200])).Floats("values");
        Compare.Close(golden.AsSpan(0, 1184), data.TrainInputs.Data.AsSpan(0, 1184), 0, BlockTolerance, "inputs vs rng.json randn(1200)");
    }

    [Fact]
    public void Four_class_labels_are_the_first_argmax_of_the_hidden_scores_and_every_class_occurs()
    {
        var data = FourClassData.Create(new TorchGenerator(0));
        var counts = new int[4];
        foreach (var (x, labels) in new[] { (data.TrainInputs, data.TrainLabels), (data.ValidationInputs, data.ValidationLabels) })
        {
            for (int i = 0; i < labels.Length; i++)
            {
                // Restated in float with the sum in feature order; a near tie may round the other way.
                var scores = new float[4];
                for (int c = 0; c < 4; c++)
                {
                    for (int k = 0; k < 50; k++) scores[c] += x[i, k] * data.TrueWeights[k, c];
                }
                int label = (int)labels[i];
                Assert.Equal(labels[i], label);
                float top = scores.Max();
                int first = Array.IndexOf(scores, top);
                Assert.True(first == label || Math.Abs(scores[label] - top) <= 1e-5f * Math.Max(1f, Math.Abs(top)),
                    $"row {i}: label {label} but scores {string.Join(", ", scores)}");
                counts[label]++;
            }
        }
        Assert.All(counts, n => Assert.True(n > 100, $"class counts {string.Join(", ", counts)}"));
    }

    [Fact]
    public void Churn_data_holds_the_documents_five_customers()
    {
        var a = ChurnData.Create();
        Assert.True(a.Inputs.HasShape(5, 2));
        Assert.Equal([0.5f, 0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f, 0.6f, 0.4f, 0.2f], a.Inputs.Data);
        Assert.Equal([0f, 1f, 0f, 1f, 0f], a.Targets.Data);
        a.Inputs[0] = 99f;
        Assert.Equal(0.5f, ChurnData.Create().Inputs[0]);
    }

    private static readonly Gen<(int Steps, int Start, int Width)> LinspaceCases =
        from steps in Gen.Choose(2, 500)
        from start in Gen.Choose(-50, 50)
        from width in Gen.Choose(1, 100)
        select (steps, start, width);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Linspace_has_exact_endpoints_and_rises_monotonically() =>
        Prop.ForAll(LinspaceCases.ToArbitrary(), t =>
        {
            var (steps, start, width) = t;
            double end = start + width / 7.0;
            var x = Linspace.Create(start, end, steps);
            bool monotone = Enumerable.Range(0, steps - 1).All(i => x[i] <= x[i + 1]);
            return (x.Length == steps).Label("length")
                .And((x[0] == (float)start && x[steps - 1] == (float)end).Label($"endpoints {x[0]}, {x[steps - 1]}"))
                .And(monotone.Label("non-decreasing"));
        });

    [Fact]
    public void Linspace_of_one_step_is_the_start_and_of_zero_steps_is_empty()
    {
        Assert.Equal([2.5f], Linspace.Create(2.5, 9, 1).Data);
        Assert.Empty(Linspace.Create(0, 1, 0).Data);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        var steps = Assert.Throws<ArgumentOutOfRangeException>(() => Linspace.Create(0, 1, -3));
        Assert.Equal("steps", steps.ParamName);
        Assert.Contains("-3", steps.Message);
        Assert.Equal("start", Assert.Throws<ArgumentException>(() => Linspace.Create(double.NaN, 1, 3)).ParamName);
        Assert.Equal("generator", Assert.Throws<ArgumentNullException>(() => OverfittingData.Create(null!)).ParamName);
        Assert.Equal("generator", Assert.Throws<ArgumentNullException>(() => NoisySineData.Create(null!)).ParamName);
        Assert.Equal("generator", Assert.Throws<ArgumentNullException>(() => FourClassData.Create(null!)).ParamName);
        var labels = Assert.Throws<ArgumentException>(() => OverfittingData.Labels(new Tensor(3, 1)));
        Assert.Equal("inputs", labels.ParamName);
        Assert.Contains("[3, 1]", labels.Message);
        var product = Assert.Throws<ArgumentException>(() => FourClassData.Labels(new Tensor(5, 3), new Tensor(4, 2)));
        Assert.Equal("weights", product.ParamName);
        Assert.Contains("(5x3 and 4x2)", product.Message);
    }
}
