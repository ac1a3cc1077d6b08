using Verification.Core;
using Verification.Core.Random;

// YOUR STACK, part 2 — the regularisers of document 002_91f9a1e79ea80b56.txt: the L2 penalty, SGD's and AdamW's weight
// decay, Dropout2d and BatchNorm1d. Replace each `throw Stub.Todo(...)`, then grade: dotnet run --project src/Lab -- grade 002 --workbook
// Each class names its page (docs/exercises/002.md) and the document section it restates.
namespace Verification.Exercises.Workbook.Layers;

/// <summary>
/// 002.L1 (docs/exercises/002.md#002-L1, 002_91f9a1e79ea80b56.txt "L1 and L2 Regularisation"): the explicit penalty
/// P = λ·Σ w² over the WEIGHTS (parameters whose name ends in "weight"; the document skips the biases) and its gradient.
/// </summary>
public static class L2Penalty
{
    /// <summary>λ·Σ w² over <paramref name="model"/>'s weights.</summary>
    public static float Value(IModule model, double lambda) => throw Stub.Todo("002.L1");

    /// <summary>Adds ∂P/∂w = 2λ·w into each weight's gradient (<c>Parameter.Grad</c>); biases get nothing.</summary>
    public static void AddGradient(IModule model, double lambda) => throw Stub.Todo("002.L1");
}

/// <summary>
/// 002.L2 (docs/exercises/002.md#002-L2, 002_91f9a1e79ea80b56.txt "L1 and L2 Regularisation": "weight_decay in Adam/SGD
/// does the same thing"): <c>torch.optim.SGD(params, lr, weight_decay=λ)</c>, no momentum.
/// </summary>
public sealed class SGD(IReadOnlyList<Parameter> parameters, double lr, double weightDecay) : IOptimizer
{
    /// <summary>lr and λ.</summary>
    public (double Lr, double WeightDecay) Settings { get; } = (lr, weightDecay);

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    /// <summary>w ← w − lr·(g + λ·w) for every weight of every parameter.</summary>
    public void Step() => throw Stub.Todo("002.L2");

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (Parameter p in Parameters) p.ZeroGrad();
    }
}

/// <summary>
/// 002.L3 (docs/exercises/002.md#002-L3, 002_91f9a1e79ea80b56.txt "Interview question 2" and its AdamW advice):
/// <c>torch.optim.AdamW</c> — decoupled decay w ← w·(1 − lr·λ), then Adam's step on the raw gradient.
/// </summary>
public sealed class AdamW(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
    : IOptimizer
{
    /// <summary>lr, β₁, β₂, ε, λ, as <c>torch.optim.AdamW</c> names them.</summary>
    public (double Lr, double Beta1, double Beta2, double Eps, double WeightDecay) Settings { get; } = (lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    /// <summary>One AdamW step: keep m, v and t between calls.</summary>
    public void Step() => throw Stub.Todo("002.L3");

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (Parameter p in Parameters) p.ZeroGrad();
    }
}

/// <summary>
/// 002.L4 (docs/exercises/002.md#002-L4, 002_91f9a1e79ea80b56.txt "Dropout2d drops entire channels"): <c>nn.Dropout2d(p)</c>
/// on x: (N, C, H, W) or (N, C, L) — ONE draw per (sample, channel), the whole plane kept (scaled by 1/(1 − p)) or zeroed.
/// </summary>
public sealed class Dropout2d(double p, TorchGenerator generator) : IModule
{
    /// <summary>The probability of dropping a channel.</summary>
    public double P { get; } = p;

    /// <summary>Where the masks come from (draw N·C values, in (n, c) row-major order).</summary>
    public TorchGenerator Generator { get; } = generator;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y[n, c, …] = m[n, c] · x[n, c, …] / (1 − p) in training mode; y = x in eval mode.</summary>
    public Tensor Forward(Tensor input) => throw Stub.Todo("002.L4");

    /// <summary>∂L/∂x[n, c, …] = ∂L/∂y[n, c, …] · m[n, c] / (1 − p).</summary>
    public Tensor Backward(Tensor gradOutput) => throw Stub.Todo("002.L4");

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}

/// <summary>
/// 002.L5 (docs/exercises/002.md#002-L5, 002_91f9a1e79ea80b56.txt "When Dropout Hurts, and What to Use Instead"):
/// <c>nn.BatchNorm1d(C, eps, momentum)</c> on x: (N, C). Training: batch mean and BIASED variance normalise; the running
/// statistics move by r ← (1 − m)·r + m·batch, running_var taking the UNBIASED variance. Eval: the running statistics.
/// </summary>
public sealed class BatchNorm1d(int numFeatures, double eps, double momentum) : IModule
{
    /// <summary>ε and the momentum m (the weight of the newest batch, PyTorch's convention).</summary>
    public (double Eps, double Momentum) Settings { get; } = (eps, momentum);

    /// <summary>γ, starting at ones.</summary>
    public Parameter Weight { get; } = new(Tensor.Ones(numFeatures));

    /// <summary>β, starting at zeros.</summary>
    public Parameter Bias { get; } = new(Tensor.Zeros(numFeatures));

    /// <summary>running_mean, starting at zeros.</summary>
    public Tensor RunningMean { get; } = Tensor.Zeros(numFeatures);

    /// <summary>running_var, starting at ones.</summary>
    public Tensor RunningVar { get; } = Tensor.Ones(numFeatures);

    /// <summary>num_batches_tracked, a scalar: add 1 per training batch (<c>NumBatchesTracked[0] += 1</c>).</summary>
    public Tensor NumBatchesTracked { get; } = new([0f], []);

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y = (x − μ)/√(σ² + ε)·γ + β, per feature.</summary>
    public Tensor Forward(Tensor input) => throw Stub.Todo("002.L5");

    /// <summary>Training: ∂x = γ/s·(g − mean(g) − x̂·mean(g·x̂)), s = √(σ² + ε); eval: ∂x = γ/s·g. Adds Σ g·x̂ to ∂γ, Σ g to ∂β.</summary>
    public Tensor Backward(Tensor gradOutput) => throw Stub.Todo("002.L5");

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", Weight);
        yield return new NamedParameter("bias", Bias);
    }

    /// <inheritdoc/>
    public IEnumerable<NamedBuffer> NamedBuffers()
    {
        yield return new NamedBuffer("running_mean", RunningMean);
        yield return new NamedBuffer("running_var", RunningVar);
        yield return new NamedBuffer("num_batches_tracked", NumBatchesTracked);
    }
}
