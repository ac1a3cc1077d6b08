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
/// training passes and one eval pass: the output within <see cref="CrossCheckTolerances.NetworkRelative"/> of its scale,
/// each gradient element within its own running-error bound (<see cref="SequentialMagnitudes"/>). The same network
/// without BatchNorm is checked too. The activations are
/// smooth on purpose: a ReLU kink within rounding distance of a pre-activation would flip one gradient element (ReLU
/// itself is checked bit for bit in <see cref="ActivationCrossChecks"/>, and ReLU networks in <see cref="TrainingCrossChecks"/>).
/// The first Linear has no bias, as is usual before BatchNorm: that bias's gradient is exactly zero in exact arithmetic
/// (BatchNorm subtracts the batch mean), so both stacks would return pure rounding noise, and noise is not compared.
/// </summary>
public class SequentialCrossChecks
{
    /// <summary>A network case.</summary>
    public sealed record Case(int N, int In, int Hidden1, int Hidden2, int Out, double P, ulong Seed, bool BatchNorm = true)
    {
        public override string ToString() =>
            $"{In}→{Hidden1}→{Hidden2}→{Out} with {(BatchNorm ? "BatchNorm1d and " : "")}Dropout({P}) on a batch of {N}, seed {Seed}";
    }

    /// <summary>
    /// The cases. The generator is the one the pinned replays below were found with: change it and their seeds name
    /// other cases (networks without BatchNorm are the same draws, mapped).
    /// </summary>
    public static Arbitrary<Case> Cases(bool batchNorm = true) =>
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
         select new Case(n, i, h1, h2, o, p, seed, batchNorm)).ToArbitrary();

    /// <summary>
    /// The network of <paramref name="c"/> on stack <paramref name="s"/>; <paramref name="replace"/> may swap in a
    /// known-wrong layer (by index) to show the check catches it.
    /// </summary>
    public static IModule Build(IStack s, Case c, Func<int, IModule, IModule>? replace = null)
    {
        var g = new TorchGenerator(c.Seed);
        IModule[] layers = c.BatchNorm
            ? [s.Linear(c.In, c.Hidden1, g, bias: false), s.BatchNorm1d(c.Hidden1), s.Tanh(), s.Dropout(c.P, g),
               s.Linear(c.Hidden1, c.Hidden2, g), s.Sigmoid(), s.Linear(c.Hidden2, c.Out, g)]
            : [s.Linear(c.In, c.Hidden1, g), s.Tanh(), s.Dropout(c.P, g),
               s.Linear(c.Hidden1, c.Hidden2, g), s.Sigmoid(), s.Linear(c.Hidden2, c.Out, g)];
        if (replace is not null)
        {
            for (int i = 0; i < layers.Length; i++) layers[i] = replace(i, layers[i]);
        }
        return s.Sequential(layers);
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Sequential_networks_agree_in_parameters_outputs_and_gradients() => Check(Cases());

    /// <summary>
    /// Cases that failed while the bounds were derived (each printed by a failing run of the properties above): the
    /// first bounds multiplied the forward errors of the activations by the rounding factor as well, and these
    /// cases — small batches, high p, an activation nearly cancelled by BatchNorm's mean — showed ∂W₂ off by up to
    /// 0.4% of itself, far above that. The last two are the intermittent failure of the first absolute floors (one
    /// BatchNorm feature: its ∂γ off by 1.7e-7 against a bound of 4.0e-8, its ∂β by 5.2e-8 against 3.1e-8), recovered
    /// by running the test of that time at its parent commit until it failed (2 of 12 runs). Pinned as concrete cases, so
    /// they replay whatever the generator becomes.
    /// </summary>
    [Xunit.Theory]
    [Xunit.InlineData(3, 32, 32, 17, 1, 0.5, 999708842UL, true)]
    [Xunit.InlineData(3, 31, 17, 33, 15, 0.9, 50393672UL, false)]
    [Xunit.InlineData(20, 36, 15, 31, 12, 0.9, 1628348780UL, true)]
    [Xunit.InlineData(3, 16, 32, 48, 2, 0.74, 678869947UL, true)]
    [Xunit.InlineData(17, 43, 1, 32, 14, 0.28, 185313034UL, true)]
    [Xunit.InlineData(31, 23, 1, 51, 5, 0.42, 1474049563UL, true)]
    public void Cases_that_once_failed_pass(int n, int inputs, int hidden1, int hidden2, int outputs, double p, ulong seed, bool batchNorm) =>
        Check(Gen.Constant(new Case(n, inputs, hidden1, hidden2, outputs, p, seed, batchNorm)).ToArbitrary())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1));

    /// <summary>
    /// The intermittent failure of the first absolute floors (about one run in eight): replayed at its failing step from
    /// the seed FsCheck printed, when the test of that time was run again at its parent commit until it failed. The case it
    /// drew — one BatchNorm feature, whose batch sums cancel to rounding noise — is asserted first, so the pin cannot
    /// silently replay some other case if the generator changes; it is also among the concrete cases above.
    /// </summary>
    [Property(Replay = "(8943422041462133919,2511500513959471961,41)", MaxTest = 1)]
    public Property The_flaky_run_of_the_first_absolute_floors_replays_and_passes() =>
        Prop.ForAll(Cases(), c =>
        {
            var failed = new Case(17, 43, 1, 32, 14, 0.28, 185313034UL);
            if (c != failed) throw new XunitException($"The replay drew {c}, not the case that failed: {failed}.");
            Check(Gen.Constant(c).ToArbitrary()).Check(Config.QuickThrowOnFailure.WithMaxTest(1));
        });

    /// <summary>
    /// Without BatchNorm nothing divides by a batch's spread: the per-element bounds alone, with no absolute floor but the
    /// smallest normal float.
    /// </summary>
    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Networks_without_BatchNorm_agree_within_per_element_bounds() => Check(Cases(batchNorm: false));

    /// <summary>
    /// The check over <paramref name="cases"/>, the Optimized network optionally with a known-wrong layer swapped in
    /// (public so each broken layer can be shown to fail it).
    /// </summary>
    public static Property Check(Arbitrary<Case> cases, Func<int, IModule, IModule>? replaceOptimized = null) =>
        Prop.ForAll(cases, c =>
        {
            var reference = (Verification.Reference.Sequential)Build(ReferenceStack.Instance, c);
            IModule optimized = Build(new OptimizedStack(), c, replaceOptimized);
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
                var bounds = new SequentialMagnitudes(reference, x, g);
                Within(reference.Backward(g), optimized.Backward(g).Clone(), bounds["x"], $"{what}: ∂x");
                for (int p = 0; p < rParams.Length; p++)
                {
                    Within(rParams[p].Parameter.Grad, oParams[p].Parameter.Grad, bounds[names[p]], $"{what}: ∂{names[p]}");
                }
            }
            return true.ToProperty();
        });

    /// <summary>
    /// The forward output: <c>|o − r| ≤ NetworkRelative·(|r| + max|r|)</c>, relative to the tensor's scale, as the sums'
    /// errors are (the output is not a batch sum, so nothing cancels to below the scale of its own row).
    /// </summary>
    private static void Close(Tensor reference, Tensor optimized, string what)
    {
        double scale = 0;
        foreach (float v in reference.Data) scale = Math.Max(scale, Math.Abs(v));
        Agreement.Relative(reference, optimized, Tol.NetworkRelative, Tol.NetworkRelative * scale + Tol.Floor, what);
    }

    /// <summary>A gradient: each element within its own bound from <see cref="SequentialMagnitudes"/>.</summary>
    private static void Within(Tensor reference, Tensor optimized, double[] bounds, string what) =>
        Agreement.Within(reference, optimized, i => bounds[i], what);
}
