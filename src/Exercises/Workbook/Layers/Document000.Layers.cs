using Verification.Core;
using Verification.Core.Random;

// YOUR STACK, part 1 — what document 000_467f5e23d3be4dee.txt's experiment needs: Dropout, ReLU, Linear and Adam.
// Replace each `throw Todo(...)` with your code, then grade: dotnet run --project src/Lab -- grade 000 --workbook
// Each class names its page (docs/exercises/000.md, 003.md) and the document section it restates. The fields and the
// constructors that are already written follow PyTorch (initialisation order, defaults); keep them.
namespace Verification.Exercises.Workbook.Layers;

/// <summary>
/// 000.L1 (forward, train/eval; docs/exercises/000.md#000-L1, 000_467f5e23d3be4dee.txt "Dropout" and "Dropout at
/// inference") and 003.L1 (backward; docs/exercises/003.md#003-L1, 003_8edb894460b127c3.txt "Backpropagation Through
/// Dropout"): <c>nn.Dropout(p)</c>, y = m ⊙ x / (1 − p), m ~ Bernoulli(1 − p), p the probability of DROPPING.
/// </summary>
public sealed class Dropout(double p, TorchGenerator generator) : IModule
{
    /// <summary>The drop probability.</summary>
    public double P { get; } = p;

    /// <summary>Where the masks come from: <c>generator.Bernoulli(destination, keepProbability)</c> fills 0/1 like PyTorch.</summary>
    public TorchGenerator Generator { get; } = generator;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>Training: y = m ⊙ x / (1 − p) with a fresh mask. Eval: y = x, drawing nothing.</summary>
    public Tensor Forward(Tensor input) => throw Stub.Todo("000.L1");

    /// <summary>∂L/∂x = ∂L/∂y ⊙ m / (1 − p), with the mask of the latest Forward.</summary>
    public Tensor Backward(Tensor gradOutput) => throw Stub.Todo("003.L1");

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}

/// <summary>
/// 000.L2 (docs/exercises/000.md#000-L2, 000_467f5e23d3be4dee.txt "Code"): <c>nn.ReLU()</c>. Forward is written;
/// write Backward: ∂L/∂x = ∂L/∂y where y &gt; 0, else 0 (also at exactly 0, as PyTorch).
/// </summary>
public sealed class ReLU : IModule
{
    private Tensor? _output;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y = max(x, 0).</summary>
    public Tensor Forward(Tensor input)
    {
        var output = new Tensor(input.Shape);
        for (int i = 0; i < output.Length; i++) output[i] = input[i] > 0f || float.IsNaN(input[i]) ? input[i] : 0f;
        _output = output;
        return output;
    }

    /// <summary>∂L/∂x = ∂L/∂y · [y &gt; 0] (the latest output is in <c>_output</c>).</summary>
    public Tensor Backward(Tensor gradOutput) => throw Stub.Todo("000.L2", _output);

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}

/// <summary>
/// 000.L3 (docs/exercises/000.md#000-L3, 000_467f5e23d3be4dee.txt "Code"): <c>nn.Linear(in, out)</c>, y = x·Wᵀ + b on
/// x: (*, in). Initialisation and Forward are written; write Backward: ∂x = g·W, and ADD gᵀ·x into ∂W and Σₙ g into ∂b.
/// </summary>
public sealed class Linear : IModule
{
    private readonly int _in, _out;
    private Tensor? _input;

    /// <summary>Draws W, then b, from U(±1/√in), as PyTorch's reset_parameters (kaiming_uniform with a = √5).</summary>
    public Linear(int inFeatures, int outFeatures, TorchGenerator generator)
    {
        _in = inFeatures;
        _out = outFeatures;
        Weight = new Parameter(new Tensor(outFeatures, inFeatures));
        Bias = new Parameter(new Tensor(outFeatures));
        double a = Math.Sqrt(5.0);
        double weightBound = Math.Sqrt(3.0) * (Math.Sqrt(2.0 / (1.0 + a * a)) / Math.Sqrt(inFeatures));
        generator.Uniform(Weight.Value.Data, -weightBound, weightBound);
        generator.Uniform(Bias.Value.Data, -1.0 / Math.Sqrt(inFeatures), 1.0 / Math.Sqrt(inFeatures));
    }

    /// <summary>W: (out, in); W[o, k] is <c>Weight.Value[o * in + k]</c>, its gradient <c>Weight.Grad[o * in + k]</c>.</summary>
    public Parameter Weight { get; }

    /// <summary>b: (out).</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y[n, o] = Σₖ x[n, k]·W[o, k] + b[o], the leading dimensions of x flattened into rows.</summary>
    public Tensor Forward(Tensor input)
    {
        int rows = input.Length / _in;
        int[] shape = input.Shape;
        shape[^1] = _out;
        var output = new Tensor(shape);
        float[] x = input.Data, w = Weight.Value.Data, b = Bias.Value.Data, y = output.Data;
        for (int n = 0; n < rows; n++)
        {
            for (int o = 0; o < _out; o++)
            {
                float sum = 0f;
                for (int k = 0; k < _in; k++) sum += x[n * _in + k] * w[o * _in + k];
                y[n * _out + o] = sum + b[o];
            }
        }
        _input = input;
        return output;
    }

    /// <summary>Returns ∂x = g·W (x's shape); adds gᵀ·x into <c>Weight.Grad</c> and Σₙ g into <c>Bias.Grad</c>.</summary>
    public Tensor Backward(Tensor gradOutput) => throw Stub.Todo("000.L3", _input);

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", Weight);
        yield return new NamedParameter("bias", Bias);
    }
}

/// <summary>
/// 000.L4 (docs/exercises/000.md#000-L4, 000_467f5e23d3be4dee.txt "Code": <c>torch.optim.Adam(model.parameters(),
/// lr=5e-4)</c>): Adam's step with PyTorch's coupled weight decay g ← g + λ·w, the moments m and v, and the bias corrections.
/// </summary>
public sealed class Adam(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
    : IOptimizer
{
    /// <summary>lr, β₁, β₂, ε, λ, as <c>torch.optim.Adam</c> names them.</summary>
    public (double Lr, double Beta1, double Beta2, double Eps, double WeightDecay) Settings { get; } = (lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    /// <summary>One step t = 1, 2, …: keep m, v (one per weight) and t between calls.</summary>
    public void Step() => throw Stub.Todo("000.L4");

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (Parameter p in Parameters) p.ZeroGrad();
    }
}
