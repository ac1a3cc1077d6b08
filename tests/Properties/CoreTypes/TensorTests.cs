using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.CoreTypes;

public class TensorTests
{
    [Fact]
    public void Elements_are_stored_row_major()
    {
        var t = Tensor.FromValues([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(6f, t[1, 2]);
        Assert.Equal(4f, t[1, 0]);
        Assert.Equal(6f, t[new[] { 1, 2 }]);
        Assert.Equal(3, t.Size(-1));
        Assert.Equal("[2, 3]", t.ShapeText);
        t[0, 1] = 9;
        Assert.Equal(9f, t.Data[1]);
        t[new[] { 1, 1 }] = 7;
        Assert.Equal(7f, t[4]);
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Reshape_is_a_view_that_keeps_every_element_in_order(PositiveInt rows, PositiveInt columns)
    {
        int r = rows.Get % 9 + 1, c = columns.Get % 9 + 1;
        var t = new Tensor(r, c);
        for (int i = 0; i < t.Length; i++) t[i] = i;
        var flat = t.Reshape(-1);
        var back = flat.Reshape(r, -1);
        bool orderKept = back[r - 1, c - 1] == r * c - 1 && flat[r * c - 1] == r * c - 1;
        flat[0] = -1; // a view: the write shows through every reshape (checked after the order, which it would change for 1×1)
        return (back.HasShape(r, c) && flat.HasShape(r * c) && orderKept && t[0, 0] == -1f && back[0, 0] == -1f)
            .Label($"reshape of [{r}, {c}]");
    }

    [Fact]
    public void Shape_errors_name_the_shapes_involved()
    {
        var t = new Tensor(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => t.Reshape(4, 2));
        Assert.Contains("[4, 2]", ex.Message);
        Assert.Contains("6", ex.Message);
        Assert.Equal("shape", ex.ParamName);
        Assert.Throws<ArgumentException>(() => t.Reshape(-1, -1));
        Assert.Throws<ArgumentException>(() => t.Reshape(-2, 3));
        Assert.Throws<ArgumentException>(() => t.Reshape(-1, 4));
        var data = Assert.Throws<ArgumentException>(() => new Tensor(new float[5], 2, 3));
        Assert.Contains("[2, 3]", data.Message);
        Assert.Equal("data", data.ParamName);
        var negative = Assert.Throws<ArgumentException>(() => new Tensor(2, -1));
        Assert.Contains("[2, -1]", negative.Message);
        Assert.Throws<ArgumentException>(() => new Tensor(int.MaxValue, 4));
    }

    [Fact]
    public void Indexing_outside_the_shape_is_rejected_with_the_shape_in_the_message()
    {
        var t = new Tensor(2, 3);
        var ex = Assert.Throws<IndexOutOfRangeException>(() => t[2, 0]);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => t[new[] { 0, 3 }]);
        Assert.Throws<ArgumentException>(() => t[new[] { 0 }]);
        Assert.Throws<InvalidOperationException>(() => new Tensor(2, 3, 4)[0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Size(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Size(-3));
    }

    [Fact]
    public void Factories_fill_and_copy()
    {
        Assert.All(Tensor.Ones(2, 2).Data, v => Assert.Equal(1f, v));
        Assert.All(Tensor.Full(2.5f, 3).Data, v => Assert.Equal(2.5f, v));
        Assert.All(Tensor.Zeros(4).Data, v => Assert.Equal(0f, v));
        float[] source = [1, 2];
        var copy = Tensor.Vector(source);
        source[0] = 5;
        Assert.Equal(1f, copy[0]);
        var clone = copy.Clone();
        clone[1] = 8;
        Assert.Equal(2f, copy[1]);
        Assert.True(copy.SameShape(clone));
        Assert.False(copy.SameShape(new Tensor(3)));
        Assert.Equal(1, copy.Rank);
        copy.AsSpan()[0] = 3;
        Assert.Equal(3f, copy[0]);
        Assert.StartsWith("Tensor[2] [3, 2", copy.ToString());
        Assert.EndsWith("…]", new Tensor(20).ToString());
    }

    [Fact]
    public void Shape_checks_name_the_argument_and_both_shapes()
    {
        var a = new Tensor(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => Shapes.RequireSame(new Tensor(3, 2), a, "input", "Linear"));
        Assert.Equal("input", ex.ParamName);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
        Assert.Throws<ArgumentException>(() => Shapes.RequireRank(a, 4, "input", "Dropout2d"));
        Assert.Throws<ArgumentException>(() => Shapes.RequireNonEmpty(new Tensor(0, 3), "input", "Linear"));
        Shapes.RequireSame(a, new Tensor(2, 3), "input", "ok");
        Shapes.RequireRank(a, 2, "input", "ok");
        Shapes.RequireNonEmpty(a, "input", "ok");
    }

    [Fact]
    public void Parameters_start_with_a_zero_gradient_of_their_shape()
    {
        var p = new Parameter(Tensor.Ones(2, 3));
        Assert.True(p.Grad.HasShape(2, 3));
        p.Grad[0] = 5;
        p.ZeroGrad();
        Assert.All(p.Grad.Data, v => Assert.Equal(0f, v));
    }
}
