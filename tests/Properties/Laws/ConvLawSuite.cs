using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Layers;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Laws;

/// <summary>
/// The laws of Conv2d, MaxPool2d, AvgPool2d, Flatten and BatchNorm2d, each checked on both stacks: backward agrees with
/// centred differences of forward (double objective, float layers, <see cref="GradientCheck"/>'s bound), ties go to the
/// first maximum, eval-mode BatchNorm2d normalises with the running statistics, and its running variance is the unbiased one.
/// </summary>
public class ConvLawSuite
{
    /// <summary>A pooling case for the gradient laws: (N, C, H, W), kernel, stride, padding ≤ k/2.</summary>
    public sealed record PoolCase(int N, int C, int Height, int Width, int Kernel, int Stride, int Padding, ulong Seed)
    {
        public int[] Shape => [N, C, Height, Width];

        public override string ToString() => $"k={Kernel}, s={Stride}, pad={Padding} on ({N}, {C}, {Height}, {Width}), seed {Seed}";
    }

    private static Arbitrary<PoolCase> PoolCases() => PoolCaseGen().ToArbitrary();

    /// <summary>Cases with at least two values per channel, as training-mode BatchNorm needs.</summary>
    private static Arbitrary<PoolCase> BatchNormCases() => PoolCaseGen().Where(c => c.N * c.Height * c.Width >= 2).ToArbitrary();

    private static Gen<PoolCase> PoolCaseGen() =>
        from n in Gen.Choose(1, 2)
        from c in Gen.Choose(1, 3)
        from kernel in Gen.Choose(1, 3)
        from stride in Gen.Choose(1, 3)
        from padding in Gen.Choose(0, kernel / 2)
        let minimum = Math.Max(1, kernel - 2 * padding)
        from height in Gen.Choose(minimum, Math.Max(minimum, 6))
        from width in Gen.Choose(minimum, Math.Max(minimum, 6))
        from seed in LayerArbitraries.Seeds()
        select new PoolCase(n, c, height, width, kernel, stride, padding, seed);

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property Conv2d_backward_matches_centred_differences() =>
        Prop.ForAll(ConvArbitraries.SmallConvCase(), c =>
        {
            foreach (string name in Stacks.Names())
            {
                IStack stack = Stacks.ByName(name);
                ConvLaws.GradientMatchesCentredDifferences(c, k =>
                    stack.Conv2d(k.InChannels, k.OutChannels, k.Kernel, k.Generator(), k.Stride, k.Padding, k.Dilation, k.Groups, k.Bias));
            }
            return true.ToProperty().Classify(c.Padding > 0, "padding").Classify(c.Groups > 1, "groups");
        });

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property AvgPool2d_backward_matches_centred_differences() =>
        Prop.ForAll(PoolCases(), c =>
        {
            foreach (string name in Stacks.Names())
            {
                var x = new Tensor(c.Shape);
                new TorchGenerator(c.Seed).Uniform(x.Data, -2, 2);
                IModule layer = Stacks.ByName(name).AvgPool2d(c.Kernel, c.Stride, c.Padding);
                Tensor g = new TorchGenerator(c.Seed + 1).Rand(layer.Forward(x).Shape);
                GradientCheck.Module(layer, x, g, what: $"AvgPool2d {c} ({name})");
            }
            return true;
        });

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property MaxPool2d_backward_matches_centred_differences_away_from_ties() =>
        Prop.ForAll(PoolCases(), c =>
        {
            foreach (string name in Stacks.Names())
            {
                ConvLaws.MaxPoolGradientMatchesAwayFromTies(c.Shape, c.Kernel, c.Stride, c.Padding, c.Seed,
                    Stacks.ByName(name).MaxPool2d(c.Kernel, c.Stride, c.Padding));
            }
            return true;
        });

    [Theory]
    [InlineData("reference", 2, 2, 0)]
    [InlineData("reference", 3, 2, 1)]
    [InlineData("reference", 3, 1, 0)]
    [InlineData("optimized", 2, 2, 0)]
    [InlineData("optimized", 3, 2, 1)]
    [InlineData("optimized", 3, 1, 0)]
    public void MaxPool2d_routes_a_tied_window_to_its_first_maximum(string stack, int kernel, int stride, int padding) =>
        ConvLaws.MaxPoolRoutesTiesToTheFirstMaximum(Stacks.ByName(stack).MaxPool2d(kernel, stride, padding), kernel, stride, padding);

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property BatchNorm2d_training_backward_matches_centred_differences_through_the_batch_statistics() =>
        Prop.ForAll(BatchNormCases(), c =>
        {
            foreach (string name in Stacks.Names())
            {
                IModule layer = RandomAffine(Stacks.ByName(name).BatchNorm2d(c.C), c);
                GradientCheck.Module(layer, Spread(c), Upstream(c), what: $"BatchNorm2d train {c} ({name})");
            }
            return true;
        });

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property BatchNorm2d_eval_backward_matches_centred_differences() =>
        Prop.ForAll(BatchNormCases(), c =>
        {
            foreach (string name in Stacks.Names())
            {
                IModule layer = RandomAffine(Stacks.ByName(name).BatchNorm2d(c.C), c);
                layer.Forward(Spread(c));
                layer.Eval();
                GradientCheck.Module(layer, Spread(c), Upstream(c), what: $"BatchNorm2d eval {c} ({name})");
            }
            return true;
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property BatchNorm2d_in_eval_mode_normalises_with_the_running_statistics_and_leaves_them_alone() =>
        Prop.ForAll(BatchNormCases(), c =>
        {
            foreach (string name in Stacks.Names())
            {
                IModule layer = RandomAffine(Stacks.ByName(name).BatchNorm2d(c.C, momentum: 0.3), c);
                layer.Forward(Spread(c));
                layer.Forward(Upstream(c));
                layer.Eval();
                float[] runningMean = Buffer(layer, "running_mean").Data.ToArray(), runningVar = Buffer(layer, "running_var").Data.ToArray();
                float[] gamma = Parameter(layer, "weight").Value.Data, beta = Parameter(layer, "bias").Value.Data;
                Tensor x = Spread(c);
                Tensor y = layer.Forward(x);
                int plane = c.Height * c.Width;
                for (int i = 0; i < x.Length; i++)
                {
                    int f = i / plane % c.C;
                    double expected = (x[i] - runningMean[f]) / Math.Sqrt(runningVar[f] + 1e-5) * gamma[f] + beta[f];
                    Assert.True(Math.Abs(y[i] - expected) <= 1e-5 * (1 + Math.Abs(expected)),
                        $"BatchNorm2d eval {c} ({name}): y[{i}] = {y[i]:R}, (x − running_mean)/√(running_var + ε)·γ + β = {expected:R}");
                }
                Assert.Equal(runningMean, Buffer(layer, "running_mean").Data);
                Assert.Equal(runningVar, Buffer(layer, "running_var").Data);
                Assert.Equal(2f, Buffer(layer, "num_batches_tracked")[0]);
            }
            return true;
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property BatchNorm2d_running_variance_is_the_unbiased_variance_over_N_H_W() =>
        Prop.ForAll(BatchNormCases(), c =>
        {
            Tensor x = Spread(c);
            int plane = c.Height * c.Width, count = c.N * plane;
            foreach (string name in Stacks.Names())
            {
                IModule layer = Stacks.ByName(name).BatchNorm2d(c.C, momentum: 1.0);
                layer.Forward(x);
                for (int f = 0; f < c.C; f++)
                {
                    double sum = 0, squares = 0;
                    for (int i = 0; i < x.Length; i++) if (i / plane % c.C == f) sum += x[i];
                    double mean = sum / count;
                    for (int i = 0; i < x.Length; i++) if (i / plane % c.C == f) squares += (x[i] - mean) * (x[i] - mean);
                    float expectedVar = (float)(squares / (count - 1)), expectedMean = (float)mean;
                    Assert.True(Math.Abs(Buffer(layer, "running_var")[f] - expectedVar) <= 1e-6 * expectedVar,
                        $"BatchNorm2d {c} ({name}), channel {f}: running_var {Buffer(layer, "running_var")[f]:R}, unbiased variance {expectedVar:R}");
                    Assert.True(Math.Abs(Buffer(layer, "running_mean")[f] - expectedMean) <= 1e-6 * (1 + Math.Abs(expectedMean)),
                        $"BatchNorm2d {c} ({name}), channel {f}: running_mean {Buffer(layer, "running_mean")[f]:R}, mean {expectedMean:R}");
                }
            }
            return true;
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Flatten_keeps_every_value_in_order_and_backward_restores_the_shape() =>
        Prop.ForAll(PoolCases(), c =>
        {
            foreach (string name in Stacks.Names())
            {
                IModule layer = Stacks.ByName(name).Flatten();
                Tensor x = Spread(c);
                Tensor y = layer.Forward(x);
                Assert.Equal([c.N, c.C * c.Height * c.Width], y.Shape);
                Assert.Equal(x.Data, y.Data);
                Tensor g = Upstream(c).Reshape(y.Shape);
                Tensor dx = layer.Backward(g);
                Assert.Equal(c.Shape, dx.Shape);
                Assert.Equal(g.Data, dx.Data);
            }
            return true;
        });

    /// <summary>
    /// x whose values within each channel differ by at least 0.3 (a permutation of levels scaled by a spread in [0.5, 1.5),
    /// plus noise in ±0.1): BatchNorm bends on the scale of the batch's standard deviation, so values too close together
    /// would make a 0.01 step leave the linear regime.
    /// </summary>
    private static Tensor Spread(PoolCase c)
    {
        var g = new TorchGenerator(c.Seed ^ 0x5EED_0011UL);
        var x = new Tensor(c.Shape);
        int plane = c.Height * c.Width, count = c.N * plane;
        for (int f = 0; f < c.C; f++)
        {
            int[] order = g.Randperm(count);
            float spread = 0.5f + g.NextFloat();
            for (int m = 0; m < count; m++)
            {
                int n = m / plane, t = m % plane;
                x[(n * c.C + f) * plane + t] = (order[m] - count / 2f) * spread + 0.2f * (g.NextFloat() - 0.5f);
            }
        }
        return x;
    }

    private static Tensor Upstream(PoolCase c)
    {
        var g = new Tensor(c.Shape);
        new TorchGenerator(c.Seed + 5).Uniform(g.Data, -1, 1);
        return g;
    }

    /// <summary>γ in [0.5, 2) and β in [−1, 1), so the laws see the affine part (ones and zeros would hide a swapped γ/β).</summary>
    private static IModule RandomAffine(IModule layer, PoolCase c)
    {
        var g = new TorchGenerator(c.Seed + 9);
        g.Uniform(Parameter(layer, "weight").Value.Data, 0.5, 2);
        g.Uniform(Parameter(layer, "bias").Value.Data, -1, 1);
        return layer;
    }

    private static Parameter Parameter(IModule layer, string name) => layer.NamedParameters().Single(p => p.Name == name).Parameter;

    private static Tensor Buffer(IModule layer, string name) => layer.NamedBuffers().Single(b => b.Name == name).Value;
}
