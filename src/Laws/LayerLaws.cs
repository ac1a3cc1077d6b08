using Verification.Core;
using Verification.Core.Random;

namespace Verification.Laws;

/// <summary>Builds a <c>Linear(inFeatures, outFeatures)</c> of some stack, drawing its initial weights from the generator.</summary>
public delegate IModule LinearFactory(int inFeatures, int outFeatures, TorchGenerator generator);

/// <summary>Builds a <c>BatchNorm1d(numFeatures, momentum: momentum)</c> of some stack.</summary>
public delegate IModule BatchNormFactory(int numFeatures, double momentum);

/// <summary>
/// Laws of the layers other than dropout, as check functions over factories (so either stack, or a learner's layer, can
/// be run through them). Each throws a <see cref="LawViolation"/>.
/// </summary>
public static class LayerLaws
{
    /// <summary>The law <see cref="CheckBackwardAccumulates"/> checks.</summary>
    public const string BackwardAccumulates = "backward adds into parameter gradients, as PyTorch accumulates";

    /// <summary>The law <see cref="CheckBatchNormTraining"/> checks.</summary>
    public const string BatchNormTraining =
        "BatchNorm1d in training mode outputs zero mean per feature and moves the running statistics by momentum";

    /// <summary>The law <see cref="CheckBatchNormEval"/> checks.</summary>
    public const string BatchNormEval = "BatchNorm1d in eval mode is affine, deterministic and leaves the running statistics alone";

    /// <summary>The law <see cref="CheckLeadingDimensionsAreRows"/> checks.</summary>
    public const string LeadingDimensionsAreRows = "Linear treats the leading dimensions of (*, in) as rows, as nn.Linear does";

    /// <summary>The law <see cref="CheckLengthIsMoreRows"/> checks.</summary>
    public const string LengthIsMoreRows = "BatchNorm1d on (N, C, L) normalises each channel over N·L, as on the (N·L, C) rows";

    /// <summary>The law <see cref="CheckReluGradientAtZero"/> checks.</summary>
    public const string ReluGradientAtZero = "ReLU's gradient at exactly 0 is 0, as in PyTorch";

    /// <summary>
    /// Two Backward calls after one Forward add the same parameter gradients twice and return the same ∂x: parameter
    /// gradients accumulate, the input's does not. ∂θ must double up to float rounding (relative 1e-5, absolute 1e-6):
    /// a kernel may fold the old gradient into its sum (C += AB in one pass), which rounds differently from g + g.
    /// </summary>
    public static void CheckBackwardAccumulates(IModule layer, Tensor x, Tensor gradOutput, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        var counterexample = new Counterexample(x.Shape, Seed: seed);
        Parameter[] parameters = layer.Parameters().ToArray();
        foreach (Parameter p in parameters) p.ZeroGrad();
        layer.Forward(x);
        Tensor dx1 = layer.Backward(gradOutput).Clone();
        Tensor[] once = parameters.Select(p => p.Grad.Clone()).ToArray();
        Tensor dx2 = layer.Backward(gradOutput);
        for (int k = 0; k < parameters.Length; k++)
        {
            float[] twice = once[k].Data.Select(v => 2 * v).ToArray();
            Near.Equal(twice, parameters[k].Grad.Data, 1e-5, 1e-6, BackwardAccumulates, counterexample.With($"parameter {k}"),
                "the gradient after two backward passes, twice the first");
        }
        Bits.Equal(dx1.Data, dx2.Data, BackwardAccumulates, counterexample, "∂x of the second pass, the first's (∂x does not accumulate)");
    }

    /// <summary>
    /// One training step from the defaults (γ = 1, β = 0, running_mean = 0, running_var = 1) on x: (N, C): each feature of
    /// y has mean 0, and <c>running_mean = m·μ</c>, <c>running_var = (1 − m) + m·N/(N − 1)·σ²</c>, restated from the batch in
    /// double. The momentum used is 0.3, far from 0.5, so a swapped (m, 1 − m) convention cannot pass.
    /// </summary>
    public static void CheckBatchNormTraining(BatchNormFactory create, Tensor x, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        const double momentum = 0.3;
        int n = x.Size(0), f = x.Size(1);
        IModule layer = create(f, momentum);
        Tensor y = layer.Forward(x);
        Tensor runningMean = Buffer(layer, "running_mean"), runningVar = Buffer(layer, "running_var");
        var counterexample = new Counterexample(x.Shape, Seed: seed, Detail: $"momentum {momentum}");
        for (int k = 0; k < f; k++)
        {
            double mean = 0, outMean = 0;
            for (int row = 0; row < n; row++) { mean += x[row, k]; outMean += y[row, k]; }
            mean /= n;
            outMean /= n;
            double squares = 0;
            for (int row = 0; row < n; row++) squares += (x[row, k] - mean) * (x[row, k] - mean);
            double expectedVar = (1 - momentum) * 1.0 + momentum * squares / (n - 1);
            Counterexample feature = counterexample.With($"feature {k}");
            Near.Equal([0f], [(float)outMean], 0, 1e-5, BatchNormTraining, feature, "the mean of y");
            Near.Equal([(float)(momentum * mean)], [runningMean[k]], 1e-5, 1e-6, BatchNormTraining, feature, "running_mean");
            Near.Equal([(float)expectedVar], [runningVar[k]], 1e-5, 1e-6, BatchNormTraining, feature, "running_var");
        }
    }

    /// <summary>
    /// After one training step on <paramref name="a"/>, eval mode maps ¼a + ¾b to ¼y(a) + ¾y(b) (up to float rounding),
    /// gives y(a) again bit for bit, and leaves running_mean, running_var and num_batches_tracked (1) as they were.
    /// </summary>
    public static void CheckBatchNormEval(BatchNormFactory create, Tensor a, Tensor b, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        IModule layer = create(a.Size(1), 0.1);
        layer.Forward(a);
        layer.Eval();
        Tensor meanBefore = Buffer(layer, "running_mean").Clone(), varBefore = Buffer(layer, "running_var").Clone();
        var mid = new Tensor(a.Shape);
        for (int i = 0; i < mid.Length; i++) mid[i] = 0.25f * a[i] + 0.75f * b[i];
        Tensor ya = layer.Forward(a).Clone(), yb = layer.Forward(b).Clone(), yMid = layer.Forward(mid).Clone();
        Tensor yaAgain = layer.Forward(a);

        var counterexample = new Counterexample(a.Shape, Seed: seed, Detail: "eval mode");
        var expected = new float[a.Length];
        for (int i = 0; i < expected.Length; i++) expected[i] = 0.25f * ya[i] + 0.75f * yb[i];
        Near.Equal(expected, yMid.Data, 1e-5, 1e-5, BatchNormEval, counterexample, "y(¼a + ¾b) = ¼y(a) + ¾y(b)");
        Bits.Equal(ya.Data, yaAgain.Data, BatchNormEval, counterexample, "y(a) a second time");
        Bits.Equal(meanBefore.Data, Buffer(layer, "running_mean").Data, BatchNormEval, counterexample, "running_mean");
        Bits.Equal(varBefore.Data, Buffer(layer, "running_var").Data, BatchNormEval, counterexample, "running_var");
        Bits.Equal([1f], Buffer(layer, "num_batches_tracked").Data, BatchNormEval, counterexample, "num_batches_tracked");
    }

    /// <summary>
    /// Linear on x: (A, B, in) gives y: (A, B, out) equal, bit for bit, to Linear on x viewed as (A·B, in), backward
    /// likewise (∂x of x's shape, the same ∂W and ∂b): the leading dimensions are only a batch of rows.
    /// </summary>
    public static void CheckLeadingDimensionsAreRows(LinearFactory create, Tensor x, Tensor gradOutput, int outFeatures, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        int inFeatures = x.Size(-1), rows = x.Length / inFeatures;
        IModule batched = create(inFeatures, outFeatures, new TorchGenerator(seed));
        IModule flat = create(inFeatures, outFeatures, new TorchGenerator(seed));
        var counterexample = new Counterexample(x.Shape, Seed: seed, Detail: $"out {outFeatures}");
        Tensor y = batched.Forward(x).Clone();
        int[] expectedShape = x.Shape;
        expectedShape[^1] = outFeatures;
        if (!y.HasShape(expectedShape))
        {
            throw new LawViolation(LeadingDimensionsAreRows, counterexample, $"y of shape {Shapes.Format(expectedShape)}", $"{y.ShapeText}");
        }
        Tensor yFlat = flat.Forward(x.Clone().Reshape(rows, inFeatures));
        Bits.Equal(yFlat.Data, y.Data, LeadingDimensionsAreRows, counterexample, "y of the (A·B, in) view");
        Tensor dx = batched.Backward(gradOutput).Clone();
        Tensor dxFlat = flat.Backward(gradOutput.Clone().Reshape(rows, outFeatures));
        if (!dx.SameShape(x))
        {
            throw new LawViolation(LeadingDimensionsAreRows, counterexample, $"∂x of shape {x.ShapeText}", $"{dx.ShapeText}");
        }
        Bits.Equal(dxFlat.Data, dx.Data, LeadingDimensionsAreRows, counterexample, "∂x of the (A·B, in) view");
        Parameter[] p = batched.Parameters().ToArray(), pFlat = flat.Parameters().ToArray();
        for (int k = 0; k < p.Length; k++)
        {
            Bits.Equal(pFlat[k].Grad.Data, p[k].Grad.Data, LeadingDimensionsAreRows, counterexample.With($"parameter {k}"),
                "the gradient of the (A·B, in) view");
        }
    }

    /// <summary>
    /// BatchNorm1d(C) on x: (N, C, L) in training mode equals, bit for bit, BatchNorm1d(C) on the (N·L, C) matrix whose
    /// row n·L + l is x[n, :, l]: the same y, running statistics and ∂x (each channel's sums run over the same values in
    /// the same order).
    /// </summary>
    public static void CheckLengthIsMoreRows(BatchNormFactory create, Tensor x, Tensor gradOutput, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        int n = x.Size(0), c = x.Size(1), l = x.Size(2);
        IModule sequence = create(c, 0.1), rows = create(c, 0.1);
        var counterexample = new Counterexample(x.Shape, Seed: seed);
        Tensor y = sequence.Forward(x).Clone();
        Tensor yRows = rows.Forward(ToRows(x, n, c, l));
        Bits.Equal(FromRows(yRows, n, c, l).Data, y.Data, LengthIsMoreRows, counterexample, "y of the (N·L, C) rows");
        Tensor dx = sequence.Backward(gradOutput).Clone();
        Tensor dxRows = rows.Backward(ToRows(gradOutput, n, c, l));
        Bits.Equal(FromRows(dxRows, n, c, l).Data, dx.Data, LengthIsMoreRows, counterexample, "∂x of the (N·L, C) rows");
        foreach (string name in new[] { "running_mean", "running_var" })
        {
            Bits.Equal(Buffer(rows, name).Data, Buffer(sequence, name).Data, LengthIsMoreRows, counterexample, name);
        }
    }

    private static Tensor ToRows(Tensor x, int n, int c, int l)
    {
        var rows = new Tensor(n * l, c);
        for (int s = 0; s < n; s++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                for (int t = 0; t < l; t++) rows[(s * l + t) * c + ch] = x[(s * c + ch) * l + t];
            }
        }
        return rows;
    }

    private static Tensor FromRows(Tensor rows, int n, int c, int l)
    {
        var x = new Tensor(n, c, l);
        for (int s = 0; s < n; s++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                for (int t = 0; t < l; t++) x[(s * c + ch) * l + t] = rows[(s * l + t) * c + ch];
            }
        }
        return x;
    }

    /// <summary>ReLU on (−1, 0, 1) with ∂L/∂y = 5 everywhere passes (0, 0, 5): the kink at 0 gets the gradient 0.</summary>
    public static void CheckReluGradientAtZero(Func<IModule> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        IModule relu = create();
        relu.Forward(Tensor.Vector(-1f, 0f, 1f));
        Bits.Equal([0f, 0f, 5f], relu.Backward(Tensor.Vector(5f, 5f, 5f)).Data, ReluGradientAtZero, new Counterexample([3]),
            "∂L/∂x of ReLU at (−1, 0, 1)");
    }

    private static Tensor Buffer(IModule layer, string name)
    {
        foreach (NamedBuffer buffer in layer.NamedBuffers())
        {
            if (buffer.Name == name) return buffer.Value;
        }
        throw new ArgumentException($"the layer has no buffer named {name}.", nameof(layer));
    }
}
