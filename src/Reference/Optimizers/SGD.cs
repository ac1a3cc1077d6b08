using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)</c>, step by step as
/// TorchSharp 0.107 writes it: <c>g ← g + λ·w</c>; with momentum, <c>b ← g</c> on the first step and
/// <c>b ← μ·b + (1 − τ)·g</c> after, then <c>g ← g + μ·b</c> (Nesterov) or <c>g ← b</c>; finally <c>w ← w − lr·g</c>.
/// Every scalar is rounded to float before it meets a tensor, and <c>a + α·b</c> (libtorch's <c>add(b, alpha)</c>) is one
/// fused multiply-add, as libtorch's compiled kernel computes it.
/// </summary>
public sealed class SGD : IStatefulOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly Tensor?[] _momentumBuffers;

    /// <summary>Validates the hyper-parameters with PyTorch's messages before keeping anything.</summary>
    public SGD(IReadOnlyList<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false)
    {
        _parameters = OptimizerChecks.Sgd(parameters, lr, momentum, dampening, weightDecay, nesterov);
        _momentumBuffers = new Tensor?[_parameters.Length];
        LearningRate = lr;
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <summary>lr.</summary>
    public double LearningRate { get; }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>τ.</summary>
    public double Dampening { get; }

    /// <summary>λ (coupled: added to the gradient).</summary>
    public double WeightDecay { get; }

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The number of steps taken (SGD's update does not use it; a checkpoint records it).</summary>
    public long StepCount { get; private set; }

    /// <summary>The momentum buffer b of each parameter; null before the first step or without momentum.</summary>
    public IReadOnlyList<Tensor?> MomentumBuffers => _momentumBuffers;

    /// <inheritdoc/>
    public void Step()
    {
        float lr = (float)LearningRate, momentum = (float)Momentum, weightDecay = (float)WeightDecay;
        float oneMinusDampening = (float)(1 - Dampening);
        for (int p = 0; p < _parameters.Length; p++)
        {
            float[] w = _parameters[p].Value.Data;
            float[] gradient = _parameters[p].Grad.Data;
            var g = new float[w.Length];
            for (int i = 0; i < w.Length; i++)
            {
                // g ← g + λ·w
                g[i] = WeightDecay != 0 ? MathF.FusedMultiplyAdd(weightDecay, w[i], gradient[i]) : gradient[i];
            }

            if (Momentum != 0)
            {
                Tensor? buffer = _momentumBuffers[p];
                if (buffer is null)
                {
                    // b ← g on the first step (no dampening yet, as PyTorch)
                    buffer = Tensor.FromValues(g, _parameters[p].Value.Shape);
                    _momentumBuffers[p] = buffer;
                }
                else
                {
                    // b ← μ·b + (1 − τ)·g
                    for (int i = 0; i < w.Length; i++)
                    {
                        buffer.Data[i] = MathF.FusedMultiplyAdd(oneMinusDampening, g[i], buffer.Data[i] * momentum);
                    }
                }
                for (int i = 0; i < w.Length; i++)
                {
                    // Nesterov: g ← g + μ·b, else g ← b
                    g[i] = Nesterov ? MathF.FusedMultiplyAdd(momentum, buffer.Data[i], g[i]) : buffer.Data[i];
                }
            }

            // w ← w − lr·g
            for (int i = 0; i < w.Length; i++) w[i] = MathF.FusedMultiplyAdd(-lr, g[i], w[i]);
        }
        StepCount += 1;
    }

    /// <inheritdoc/>
    public OptimizerState SaveState()
    {
        var tensors = new List<NamedBuffer>();
        for (int p = 0; p < _parameters.Length; p++)
        {
            if (_momentumBuffers[p] is Tensor buffer)
            {
                tensors.Add(new NamedBuffer(OptimizerStates.Name(p, "momentum_buffer"), buffer.Clone()));
            }
        }
        return new OptimizerState(StepCount, tensors);
    }

    /// <summary>
    /// Replaces the state; with momentum, a state after the first step must hold every <c>i.momentum_buffer</c>, and
    /// a state before it (or without momentum) none.
    /// </summary>
    public void LoadState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        bool buffered = Momentum != 0 && state.Step > 0;
        var expected = new List<(string, int[])>();
        for (int p = 0; buffered && p < _parameters.Length; p++)
        {
            expected.Add((OptimizerStates.Name(p, "momentum_buffer"), _parameters[p].Value.Shape));
        }
        float[][] values = OptimizerStates.Match(state, expected, nameof(state));
        for (int p = 0; p < _parameters.Length; p++)
        {
            _momentumBuffers[p] = buffered ? Tensor.FromValues(values[p], _parameters[p].Value.Shape) : null;
        }
        StepCount = state.Step;
    }

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (Parameter p in _parameters) p.ZeroGrad();
    }
}
