using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)</c>, per element in float:
/// <c>g ← g + λ·w</c>; with momentum <c>b ← g</c> on the first step, then <c>b ← μ·b + (1 − τ)·g</c>;
/// <c>g ← g + μ·b</c> (Nesterov) or <c>g ← b</c>; <c>w ← w − lr·g</c>. Additions with a factor are fused multiply-adds,
/// as ATen's vectorised <c>add_(other, alpha)</c>; one fused pass per parameter (<see cref="SgdUpdate"/>).
/// </summary>
public sealed class SGD : IStatefulOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _momentumBuffers;
    private readonly float _lr, _momentum, _oneMinusDampening, _weightDecay;
    private readonly bool _nesterov;
    private long _steps;

    /// <summary>An SGD optimizer over <paramref name="parameters"/>.</summary>
    public SGD(IReadOnlyList<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false)
    {
        _parameters = OptimizerChecks.Sgd(parameters, lr, momentum, dampening, weightDecay, nesterov);
        _lr = (float)lr;
        _momentum = (float)momentum;
        _oneMinusDampening = (float)(1 - dampening);
        _weightDecay = (float)weightDecay;
        _nesterov = nesterov;
        _momentumBuffers = new Tensor[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            _momentumBuffers[i] = momentum != 0 ? new Tensor(_parameters[i].Value.Shape) : new Tensor(0);
        }
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

    /// <summary>The number of steps taken (SGD's update does not use it; a checkpoint records it).</summary>
    public long StepCount => _steps;

    /// <summary>
    /// The momentum buffer b of each parameter; null before the first step or without momentum. (The buffers are
    /// allocated once, at construction, so that a step allocates nothing; this view hides them until they hold b.)
    /// </summary>
    public IReadOnlyList<Tensor?> MomentumBuffers =>
        _momentum != 0 && _steps > 0 ? _momentumBuffers : new Tensor?[_parameters.Length];

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public void Step()
    {
        var update = new SgdUpdate(-_lr, _weightDecay, _momentum, _oneMinusDampening, firstStep: _steps == 0, _nesterov);
        for (int k = 0; k < _parameters.Length; k++)
        {
            VectorDriver.Update(update, _parameters[k].Value.Data, _parameters[k].Grad.Data, _momentumBuffers[k].Data, []);
        }
        _steps++;
    }

    /// <inheritdoc/>
    public OptimizerState SaveState()
    {
        var tensors = new List<NamedBuffer>();
        for (int k = 0; _momentum != 0 && _steps > 0 && k < _parameters.Length; k++)
        {
            tensors.Add(new NamedBuffer(OptimizerStates.Name(k, "momentum_buffer"), _momentumBuffers[k].Clone()));
        }
        return new OptimizerState(_steps, tensors);
    }

    /// <summary>
    /// Replaces the state; with momentum, a state after the first step must hold every <c>i.momentum_buffer</c>, and
    /// a state before it (or without momentum) none.
    /// </summary>
    public void LoadState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        bool buffered = _momentum != 0 && state.Step > 0;
        var expected = new List<(string, int[])>();
        for (int k = 0; buffered && k < _parameters.Length; k++)
        {
            expected.Add((OptimizerStates.Name(k, "momentum_buffer"), _parameters[k].Value.Shape));
        }
        float[][] values = OptimizerStates.Match(state, expected, nameof(state));
        for (int k = 0; k < _parameters.Length; k++)
        {
            if (_momentum != 0)
            {
                if (buffered) values[k].CopyTo(_momentumBuffers[k].Data, 0);
                else Array.Clear(_momentumBuffers[k].Data);
            }
        }
        _steps = state.Step;
    }

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.ZeroGrad();
        }
    }
}
