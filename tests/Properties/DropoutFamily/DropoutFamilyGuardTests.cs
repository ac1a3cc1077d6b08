using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.DropoutFamily;

/// <summary>
/// The guards of Dropout1d, Dropout3d, AlphaDropout and FeatureAlphaDropout on both stacks, each asserted by exception
/// type, argument name and message: a null generator, input or gradient; <c>Kept</c> before any Forward; a <c>Kept</c>
/// group outside the latest input. Mutation testing of the Reference (docs/reliability.md, "Mutation testing") found
/// them unchecked: removing any of them left every other family test passing.
/// </summary>
public class DropoutFamilyGuardTests
{
    /// <summary>One layer under one shape of a rank it takes, with <c>Groups</c> draws for that shape.</summary>
    public sealed record Layer(string Name, DropoutFactory Create, int[] Shape, int Groups)
    {
        public override string ToString() => Name;
    }

    private static readonly Layer[] Layers =
    [
        new("Reference.Dropout1d", (p, g) => new R.Dropout1d(p, g), [2, 3, 4], 6),
        new("Optimized.Dropout1d", (p, g) => new O.Dropout1d(p, g), [2, 3, 4], 6),
        new("Reference.Dropout3d", (p, g) => new R.Dropout3d(p, g), [2, 3, 1, 2, 2], 6),
        new("Optimized.Dropout3d", (p, g) => new O.Dropout3d(p, g), [2, 3, 1, 2, 2], 6),
        new("Reference.AlphaDropout", (p, g) => new R.AlphaDropout(p, g), [2, 3], 6),
        new("Optimized.AlphaDropout", (p, g) => new O.AlphaDropout(p, g), [2, 3], 6),
        new("Reference.FeatureAlphaDropout", (p, g) => new R.FeatureAlphaDropout(p, g), [2, 3, 4], 6),
        new("Optimized.FeatureAlphaDropout", (p, g) => new O.FeatureAlphaDropout(p, g), [2, 3, 4], 6),
    ];

    public static TheoryData<Layer> All() => [.. Layers];

    private static string TypeName(Layer layer) => layer.Name[(layer.Name.IndexOf('.') + 1)..];

    private static bool Kept(IModule layer, int group) => layer switch
    {
        R.Dropout1d l => l.Kept(group), O.Dropout1d l => l.Kept(group),
        R.Dropout3d l => l.Kept(group), O.Dropout3d l => l.Kept(group),
        R.AlphaDropout l => l.Kept(group), O.AlphaDropout l => l.Kept(group),
        R.FeatureAlphaDropout l => l.Kept(group), O.FeatureAlphaDropout l => l.Kept(group),
        _ => throw new ArgumentException($"{layer.GetType()} has no Kept hook.", nameof(layer)),
    };

    [Theory]
    [MemberData(nameof(All))]
    public void A_null_generator_is_refused_when_the_layer_is_built(Layer layer)
    {
        var error = Assert.Throws<ArgumentNullException>(() => layer.Create(0.5, null!));

        Assert.Equal("generator", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_null_input_is_refused_before_anything_is_drawn_in_training_and_in_eval(Layer layer)
    {
        foreach (bool training in new[] { true, false })
        {
            var generator = new TorchGenerator(7);
            TorchGeneratorState before = generator.SaveState();
            IModule module = layer.Create(0.5, generator);
            module.SetTraining(training);

            var error = Assert.Throws<ArgumentNullException>(() => module.Forward(null!));

            Assert.Equal("input", error.ParamName);
            Verification.Laws.DropoutLaws.RequireSameState(before, generator.SaveState(), "a refused input draws nothing",
                new Counterexample(layer.Shape, 0.5, 7, Detail: $"{layer}, training {training}"));
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_null_gradient_is_refused_first_even_before_any_forward(Layer layer)
    {
        IModule module = layer.Create(0.5, new TorchGenerator(7));

        var error = Assert.Throws<ArgumentNullException>(() => module.Backward(null!));

        Assert.Equal("gradOutput", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Kept_before_forward_names_the_layer(Layer layer)
    {
        IModule module = layer.Create(0.5, new TorchGenerator(7));

        var error = Assert.Throws<InvalidOperationException>(() => Kept(module, 0));

        Assert.Equal($"{TypeName(layer)}: Kept asked before Forward.", error.Message);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Kept_refuses_a_group_outside_the_latest_input_and_answers_for_both_ends(Layer layer)
    {
        IModule module = layer.Create(0.5, new TorchGenerator(7));
        module.Forward(Tensor.Ones(layer.Shape));

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Kept(module, -1));
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => Kept(module, layer.Groups));

        Assert.Equal("group", negative.ParamName);
        Assert.Equal("group", past.ParamName);
        Assert.Contains($"'{layer.Groups}'", past.Message);
        _ = Kept(module, 0);
        _ = Kept(module, layer.Groups - 1);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void After_an_identity_pass_every_group_counts_as_kept(Layer layer)
    {
        IModule module = layer.Create(0.5, new TorchGenerator(7));
        module.SetTraining(false);
        module.Forward(Tensor.Ones(layer.Shape));

        for (int group = 0; group < layer.Groups; group++)
        {
            Assert.True(Kept(module, group), $"{layer}: group {group} after an eval pass");
        }
    }
}
