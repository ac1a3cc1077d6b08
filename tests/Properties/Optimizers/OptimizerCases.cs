using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.Optimizers;

/// <summary>
/// One generated optimizer case: a few parameters of 1…7 elements, weights in [−2, 2), gradients in [−1, 1) (a fraction
/// of them exactly zero when <see cref="ZeroGradients"/>), a learning rate and a weight decay, all from one seed.
/// </summary>
public sealed record OptimizerCase(int[] Sizes, double LearningRate, double WeightDecay, ulong Seed)
{
    /// <summary>Fresh parameters with their gradients filled.</summary>
    public Parameter[] Parameters(bool zeroGradients = false)
    {
        var g = new TorchGenerator(Seed);
        var parameters = new Parameter[Sizes.Length];
        for (int p = 0; p < Sizes.Length; p++)
        {
            var value = new Tensor(Sizes[p]);
            g.Uniform(value.Data, -2, 2);
            parameters[p] = new Parameter(value);
            if (!zeroGradients) g.Uniform(parameters[p].Grad.Data, -1, 1);
        }
        return parameters;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"OptimizerCase(sizes {Shapes.Format(Sizes)}, lr {LearningRate}, weight decay {WeightDecay}, seed {Seed})";
}

/// <summary>The FsCheck generators of the optimizer properties.</summary>
public static class OptimizerArbitraries
{
    public static Arbitrary<OptimizerCase> OptimizerCases() =>
        (from count in Gen.Choose(1, 3)
         from sizes in Gen.ArrayOf(Gen.Choose(1, 7), count)
         from lr in Gen.Elements(1e-4, 1e-3, 0.01, 0.05, 0.1)
         from wd in Gen.Elements(1e-3, 0.01, 0.1, 0.5)
         from seed in Gen.Choose(0, int.MaxValue)
         select new OptimizerCase(sizes, lr, wd, (ulong)seed)).ToArbitrary();
}
