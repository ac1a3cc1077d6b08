using Verification.Core;

namespace Verification.Properties.Training;

/// <summary>
/// Test doubles written here so the Training tests depend only on Core contracts:
/// <c>y = x·w + b</c> for <c>x: (N, D)</c>, <c>w: (D)</c>, <c>b: (1)</c>, with one buffer <c>seen</c> (rows forwarded in training).
/// </summary>
internal sealed class TinyLinear : IModule
{
    private Tensor? _input;

    public TinyLinear(float[] weight, float bias)
    {
        Weight = new Parameter(Tensor.Vector(weight));
        Bias = new Parameter(Tensor.Vector(bias));
    }

    public Parameter Weight { get; }
    public Parameter Bias { get; }
    public Tensor Seen { get; } = new Tensor(1);
    public bool IsTraining { get; private set; } = true;
    public int Forwards { get; private set; }

    public void SetTraining(bool training) => IsTraining = training;

    public Tensor Forward(Tensor input)
    {
        _input = input;
        Forwards++;
        int n = input.Size(0), d = Weight.Value.Length;
        var y = new Tensor(n, 1);
        for (int i = 0; i < n; i++)
        {
            float sum = Bias.Value[0];
            for (int k = 0; k < d; k++) sum += input[i, k] * Weight.Value[k];
            y[i] = sum;
        }
        if (IsTraining) Seen[0] += n;
        return y;
    }

    public Tensor Backward(Tensor gradOutput)
    {
        var x = _input!;
        int n = x.Size(0), d = Weight.Value.Length;
        var gradInput = new Tensor(n, d);
        for (int i = 0; i < n; i++)
        {
            Bias.Grad[0] += gradOutput[i];
            for (int k = 0; k < d; k++)
            {
                Weight.Grad[k] += gradOutput[i] * x[i, k];
                gradInput[i, k] = gradOutput[i] * Weight.Value[k];
            }
        }
        return gradInput;
    }

    public IEnumerable<NamedParameter> NamedParameters() =>
        [new NamedParameter("weight", Weight), new NamedParameter("bias", Bias)];

    public IEnumerable<NamedBuffer> NamedBuffers() => [new NamedBuffer("seen", Seen)];
}

/// <summary><c>L = mean((p − t)²)</c>.</summary>
internal sealed class TinyMse : ILoss
{
    private Tensor? _p, _t;

    public float Forward(Tensor prediction, Tensor target)
    {
        _p = prediction;
        _t = target;
        float sum = 0;
        for (int i = 0; i < prediction.Length; i++) sum += (prediction[i] - target[i]) * (prediction[i] - target[i]);
        return sum / prediction.Length;
    }

    public Tensor Backward()
    {
        var g = new Tensor(_p!.Shape);
        for (int i = 0; i < g.Length; i++) g[i] = 2 * (_p[i] - _t![i]) / g.Length;
        return g;
    }
}

/// <summary><c>θ ← θ − lr·∇θ</c>.</summary>
internal sealed class TinySgd(IReadOnlyList<Parameter> parameters, float lr) : IOptimizer
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    public void Step()
    {
        foreach (var p in Parameters)
        {
            for (int i = 0; i < p.Value.Length; i++) p.Value[i] -= lr * p.Grad[i];
        }
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }
}
