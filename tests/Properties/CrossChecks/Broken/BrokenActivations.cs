using Verification.Core;

namespace Verification.Properties.CrossChecks.Broken;

/// <summary>
/// BUG: the sigmoid's gradient without its second factor, <c>∂x = g·(1 − y)</c> instead of <c>g·(1 − y)·y</c> — the
/// slip a vector kernel's scalar tail can make while its vector body is right. The activation cross-check must reject it.
/// </summary>
public sealed class SigmoidGradientMissingY : IModule
{
    private Tensor? _output;

    public bool IsTraining { get; private set; } = true;

    public void SetTraining(bool training) => IsTraining = training;

    public Tensor Forward(Tensor input)
    {
        var y = new Tensor(input.Shape);
        for (int i = 0; i < y.Length; i++) y[i] = 1f / (1f + MathF.Exp(-input[i]));
        _output = y;
        return y;
    }

    public Tensor Backward(Tensor gradOutput)
    {
        var dx = new Tensor(gradOutput.Shape);
        for (int i = 0; i < dx.Length; i++) dx[i] = gradOutput[i] * (1f - _output![i]);
        return dx;
    }

    public IEnumerable<NamedParameter> NamedParameters() => [];
}

/// <summary>
/// BUG: ReLU passes the gradient where the output is exactly 0 (<c>y ≥ 0</c> instead of <c>y &gt; 0</c>), so an input of
/// exactly 0 (or −0) gets gradient g where PyTorch's threshold_backward gives 0. Only exact zeros show it, which is why
/// the activation inputs include ±0.
/// </summary>
public sealed class ReLUPassingGradientAtZero : IModule
{
    private Tensor? _output;

    public bool IsTraining { get; private set; } = true;

    public void SetTraining(bool training) => IsTraining = training;

    public Tensor Forward(Tensor input)
    {
        var y = new Tensor(input.Shape);
        for (int i = 0; i < y.Length; i++) y[i] = input[i] > 0f ? input[i] : 0f;
        _output = y;
        return y;
    }

    public Tensor Backward(Tensor gradOutput)
    {
        var dx = new Tensor(gradOutput.Shape);
        for (int i = 0; i < dx.Length; i++) dx[i] = _output![i] >= 0f ? gradOutput[i] : 0f;
        return dx;
    }

    public IEnumerable<NamedParameter> NamedParameters() => [];
}
