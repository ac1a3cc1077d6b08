using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Support;
using Verification.Reference;
using Xunit.Sdk;
using Tol = Verification.Properties.CrossChecks.CrossCheckTolerances;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// A whole network built by each stack from the same seed —
/// <c>Sequential(Linear(bias: false), BatchNorm1d, Tanh, Dropout(p), Linear, Sigmoid, Linear)</c> — agrees in its parameter names,
/// its initial parameters (bit for bit), its output, its input gradient and every parameter gradient, over two
/// training passes and one eval pass, within <see cref="CrossCheckTolerances.NetworkRelative"/>. The activations are
/// smooth on purpose: a ReLU kink within rounding distance of a pre-activation would flip one gradient element (ReLU
/// itself is checked bit for bit in <see cref="ActivationCrossChecks"/>, and ReLU networks in <see cref="TrainingCrossChecks"/>).
/// The first Linear has no bias, as is usual before BatchNorm: that bias's gradient is exactly zero in exact arithmetic
/// (BatchNorm subtracts the batch mean), so both stacks would return pure rounding noise, and noise is not compared.
/// </summary>
public class SequentialCrossChecks
{
    /// <summary>A network case.</summary>
    public sealed record Case(int N, int In, int Hidden1, int Hidden2, int Out, double P, ulong Seed)
    {
        public override string ToString() => $"{In}→{Hidden1}→{Hidden2}→{Out} with Dropout({P}) on a batch of {N}, seed {Seed}";
    }

    private static Arbitrary<Case> Cases() =>
        // N ≥ 3: BatchNorm over a batch of 2 maps every feature to ±1 whatever the input, so ∂x would be exactly zero
        // in exact arithmetic and both stacks would return rounding noise (BatchNorm's own check covers N = 2).
        (from n in Gen.OneOf(Gen.Choose(3, 40), Gen.Elements(3, 17, 33))
         // In ≥ 2 for the same reason: with one input feature every BatchNorm feature is ±the same normalised input, and
         // ∂W of the first layer, Σ ∂h·x, is exactly zero (BatchNorm's input gradient is orthogonal to 1 and to x̂).
         from i in CrossCheckGen.Dim(70).Where(i => i >= 2)
         from h1 in CrossCheckGen.Dim(70)
         from h2 in CrossCheckGen.Dim(70)
         from o in CrossCheckGen.Dim(20)
         from p in CrossCheckGen.P
         from seed in CrossCheckGen.Seed
         select new Case(n, i, h1, h2, o, p, seed)).ToArbitrary();

    private static IModule Build(IStack s, Case c)
    {
        var g = new TorchGenerator(c.Seed);
        return s.Sequential(
            s.Linear(c.In, c.Hidden1, g, bias: false), s.BatchNorm1d(c.Hidden1), s.Tanh(), s.Dropout(c.P, g),
            s.Linear(c.Hidden1, c.Hidden2, g), s.Sigmoid(),
            s.Linear(c.Hidden2, c.Out, g));
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Sequential_networks_agree_in_parameters_outputs_and_gradients() =>
        Prop.ForAll(Cases(), c =>
        {
            IModule reference = Build(ReferenceStack.Instance, c), optimized = Build(new OptimizedStack(), c);
            var rParams = reference.NamedParameters().ToArray();
            var oParams = optimized.NamedParameters().ToArray();
            string[] names = rParams.Select(p => p.Name).ToArray();
            if (!names.SequenceEqual(oParams.Select(p => p.Name)))
            {
                throw new XunitException($"{c}: parameter names differ: [{string.Join(", ", names)}] against " +
                    $"[{string.Join(", ", oParams.Select(p => p.Name))}].");
            }
            for (int p = 0; p < rParams.Length; p++)
            {
                Compare.Exact(rParams[p].Parameter.Value, oParams[p].Parameter.Value, $"{c}: initial {names[p]}");
            }
            for (int pass = 0; pass < 3; pass++)
            {
                bool training = pass < 2;
                reference.SetTraining(training);
                optimized.SetTraining(training);
                string what = $"{c}, {(training ? $"training pass {pass + 1}" : "eval pass")}";
                foreach (var p in rParams.Concat(oParams)) p.Parameter.ZeroGrad();
                Tensor x = CrossCheckGen.Randn(c.Seed + 1 + (ulong)pass, 1f, c.N, c.In);
                Tensor g = CrossCheckGen.Randn(c.Seed + 100 + (ulong)pass, 1f, c.N, c.Out);
                Close(reference.Forward(x), optimized.Forward(x).Clone(), $"{what}: y");
                var floors = CancellationFloors(c, rParams, x, g);
                Close(reference.Backward(g), optimized.Backward(g).Clone(), $"{what}: ∂x", floors.GetValueOrDefault("x"));
                for (int p = 0; p < rParams.Length; p++)
                {
                    Close(rParams[p].Parameter.Grad, oParams[p].Parameter.Grad, $"{what}: ∂{names[p]}", floors.GetValueOrDefault(names[p]));
                }
            }
            return true.ToProperty();
        });

    /// <summary>
    /// <c>|o − r| ≤ NetworkRelative·(|r| + max|r|) + cancellation</c>: relative to the tensor's scale, as the sums'
    /// errors are, plus what BatchNorm's cancellation leaves behind (see <see cref="BatchNormCancellation"/>).
    /// </summary>
    private static void Close(Tensor reference, Tensor optimized, string what, double cancellation = 0)
    {
        double scale = 0;
        foreach (float v in reference.Data) scale = Math.Max(scale, Math.Abs(v));
        Agreement.Relative(reference, optimized, Tol.NetworkRelative, Tol.NetworkRelative * scale + cancellation + Tol.Floor, what);
    }

    /// <summary>
    /// Absolute error floors for the gradients, where sums over the batch cancel (in eval mode too): a gradient can be far
    /// smaller than the terms it sums, and the terms' rounding (≤ 2(K + 2)·u of Σ|terms| per sum, see
    /// <see cref="CrossCheckTolerances.Product"/>) survives the cancellation, so a bound relative to the result fails.
    /// Each floor is that sum's error with every term at its largest: (the upstream gradient's bound U) × (the layer
    /// input's bound A) × N terms, times 2·(N + K + 2)·u for the sum and for the error U itself carries in. U comes from
    /// the parameters: <c>max|g|</c> at the last Linear; <c>¼·max|g|·colsum|W₃|</c> (σ′ ≤ ¼) at the middle one;
    /// <c>·colsum|W₂|/(1 − p)</c> (tanh′ ≤ 1) at BatchNorm's output. BatchNorm's backward,
    /// <c>(γ/σ)(dy − mean dy − x̂·mean(dy·x̂))</c> with γ = 1 (no step is taken) and <c>|x̂| ≤ √N</c>, divides by
    /// <c>σ_min</c>, and its result reaches ∂x through W₁ (times colsum|W₁|) and ∂W₁ through x (times N·max|x|).
    /// </summary>
    private static Dictionary<string, double> CancellationFloors(Case c, NamedParameter[] parameters, Tensor x, Tensor g)
    {
        Tensor w1 = parameters.Single(p => p.Name == "0.weight").Parameter.Value;
        Tensor w2 = parameters.Single(p => p.Name == "4.weight").Parameter.Value;
        Tensor w3 = parameters.Single(p => p.Name == "6.weight").Parameter.Value;
        int n = c.N, widest = Math.Max(Math.Max(c.In, c.Hidden1), Math.Max(c.Hidden2, c.Out));
        double sum = 2.0 * (n + widest + 2) * Tol.Unit;
        double keptScale = c.P >= 1 ? 0 : 1 / (1 - c.P);
        double atOutput = MaxAbs(g);
        double atSigmoid = 0.25 * atOutput * MaxColumnSum(w3);
        double atBatchNorm = atSigmoid * MaxColumnSum(w2) * keptScale;
        double sigmaMin = double.PositiveInfinity;
        for (int f = 0; f < c.Hidden1; f++)
        {
            // h = x·W₁ᵀ, feature f; BatchNorm normalises by the biased batch variance plus eps = 1e-5.
            double total = 0, totalSquares = 0;
            for (int row = 0; row < n; row++)
            {
                double h = 0;
                for (int k = 0; k < c.In; k++) h += (double)x[row, k] * w1[f, k];
                total += h;
                totalSquares += h * h;
            }
            double mean = total / n;
            sigmaMin = Math.Min(sigmaMin, Math.Sqrt(Math.Max(totalSquares / n - mean * mean, 0) + 1e-5));
        }
        double batchNormInput = sum * n * atBatchNorm * (1 + Math.Sqrt(n)) / sigmaMin;
        return new Dictionary<string, double>
        {
            ["6.weight"] = sum * n * atOutput,
            ["6.bias"] = sum * n * atOutput,
            ["4.weight"] = sum * n * atSigmoid * Math.Max(keptScale, 1),
            ["4.bias"] = sum * n * atSigmoid,
            ["1.weight"] = sum * n * atBatchNorm * Math.Sqrt(n),
            ["1.bias"] = sum * n * atBatchNorm,
            ["0.weight"] = batchNormInput * n * MaxAbs(x),
            ["x"] = batchNormInput * MaxColumnSum(w1),
        };
    }

    private static double MaxAbs(Tensor t)
    {
        double max = 0;
        foreach (float v in t.Data) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <summary>The largest column sum of |W| for W (out, in): how much a backward product <c>d·W</c> can grow max|d|.</summary>
    private static double MaxColumnSum(Tensor w)
    {
        double max = 0;
        for (int j = 0; j < w.Size(1); j++)
        {
            double sum = 0;
            for (int i = 0; i < w.Size(0); i++) sum += Math.Abs(w[i, j]);
            max = Math.Max(max, sum);
        }
        return max;
    }
}
