using Verification.Core;
using Verification.Core.Random;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.DropoutLaws;

using Verification.Laws;

/// <summary>
/// The guards of Dropout and Dropout2d on both stacks, each asserted by exception type, argument name and message:
/// a null generator, input or gradient; Backward or <c>Kept</c> before any Forward; a <c>Kept</c> index outside the
/// latest input. Mutation testing (docs/reliability.md, "Mutation testing") found each of them unchecked.
/// </summary>
public class DropoutGuardTests
{
    /// <summary>The four layers under one shape: construct, forward, backward, and the <c>Kept</c> test hook.</summary>
    public sealed record Layer(string Name, Func<TorchGenerator, IModule> Create, Func<IModule, int, bool> Kept, int[] Shape, int Units)
    {
        public override string ToString() => Name;
    }

    private static readonly Layer[] Layers =
    [
        new("Optimized.Dropout", g => new O.Dropout(0.5, g), (l, i) => ((O.Dropout)l).Kept(i), [2, 3], 6),
        new("Reference.Dropout", g => new R.Dropout(0.5, g), (l, i) => ((R.Dropout)l).Kept(i), [2, 3], 6),
        new("Optimized.Dropout2d", g => new O.Dropout2d(0.5, g), (l, i) => ((O.Dropout2d)l).Kept(i), [2, 3, 4], 6),
        new("Reference.Dropout2d", g => new R.Dropout2d(0.5, g), (l, i) => ((R.Dropout2d)l).Kept(i), [2, 3, 4], 6),
    ];

    public static TheoryData<Layer> All() => [.. Layers];

    private static string TypeName(Layer layer) => layer.Name[(layer.Name.IndexOf('.') + 1)..];

    [Theory]
    [MemberData(nameof(All))]
    public void A_null_generator_is_refused_when_the_layer_is_built(Layer layer)
    {
        var error = Assert.Throws<ArgumentNullException>(() => layer.Create(null!));

        Assert.Equal("generator", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_null_input_is_refused_before_anything_is_drawn(Layer layer)
    {
        var generator = new TorchGenerator(7);
        var before = generator.SaveState();
        IModule module = layer.Create(generator);

        var error = Assert.Throws<ArgumentNullException>(() => module.Forward(null!));

        Assert.Equal("input", error.ParamName);
        DropoutLaws.RequireSameState(before, generator.SaveState(), "a refused input draws nothing", new Counterexample(layer.Shape, 0.5, 7));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_null_gradient_is_refused_first_even_before_any_forward(Layer layer)
    {
        IModule module = layer.Create(new TorchGenerator(7));

        var error = Assert.Throws<ArgumentNullException>(() => module.Backward(null!));

        Assert.Equal("gradOutput", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Backward_before_forward_names_the_layer(Layer layer)
    {
        IModule module = layer.Create(new TorchGenerator(7));

        var error = Assert.Throws<InvalidOperationException>(() => module.Backward(new Tensor(layer.Shape)));

        Assert.Equal($"{TypeName(layer)}: Backward called before Forward.", error.Message);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Kept_before_forward_names_the_layer(Layer layer)
    {
        IModule module = layer.Create(new TorchGenerator(7));

        var error = Assert.Throws<InvalidOperationException>(() => layer.Kept(module, 0));

        Assert.Equal($"{TypeName(layer)}: Backward called before Forward.", error.Message);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Kept_refuses_an_index_outside_the_latest_input(Layer layer)
    {
        IModule module = layer.Create(new TorchGenerator(7));
        module.Forward(Tensor.Ones(layer.Shape));

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Kept(module, -1));
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Kept(module, layer.Units));

        Assert.Equal("index", negative.ParamName);
        Assert.Equal("index", past.ParamName);
        Assert.Contains($"'{layer.Units}'", past.Message);
        _ = layer.Kept(module, 0);
        _ = layer.Kept(module, layer.Units - 1);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_gradient_of_another_shape_names_the_layer_and_both_shapes(Layer layer)
    {
        IModule module = layer.Create(new TorchGenerator(7));
        module.Forward(Tensor.Ones(layer.Shape));

        var error = Assert.Throws<ArgumentException>(() => module.Backward(new Tensor(layer.Shape[0], 5, 5)));

        Assert.Equal("gradOutput", error.ParamName);
        Assert.StartsWith($"{TypeName(layer)} backward: grad_output must have the shape of the latest output, " +
            $"{Shapes.Format(layer.Shape)}, but got [{layer.Shape[0]}, 5, 5].", error.Message);
    }
}
