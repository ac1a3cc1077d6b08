namespace Verification.Core;

/// <summary>
/// An optimizer whose per-parameter state can be saved and restored, so that a run resumed from a checkpoint takes the
/// same steps as an uninterrupted one. The state follows PyTorch's <c>optimizer.state_dict()["state"]</c>, flattened:
/// parameter <c>i</c> (its position in <see cref="IOptimizer.Parameters"/>) owns <c>i.exp_avg</c>, <c>i.exp_avg_sq</c>
/// (Adam, AdamW) or <c>i.momentum_buffer</c> (SGD with momentum, after its first step), each of the parameter's shape.
/// </summary>
public interface IStatefulOptimizer : IOptimizer
{
    /// <summary>A copy of the state: the step count t and the named tensors (none for plain SGD or before SGD's first step).</summary>
    OptimizerState SaveState();

    /// <summary>
    /// Replaces the state with a copy of <paramref name="state"/>. The names and shapes must be exactly those
    /// <see cref="SaveState"/> would give for a state of this kind; otherwise an <see cref="ArgumentException"/> naming
    /// what differs is thrown and nothing changes.
    /// </summary>
    void LoadState(OptimizerState state);
}

/// <summary>
/// An optimizer's saved state: <paramref name="Step"/> is t (Adam's bias-correction counter; for SGD, 0 before the
/// first step and 1 after, which is all SGD's momentum needs); <paramref name="Tensors"/> are named <c>i.exp_avg</c>,
/// <c>i.exp_avg_sq</c>, <c>i.momentum_buffer</c> with <c>i</c> the parameter's index.
/// </summary>
public sealed record OptimizerState(long Step, IReadOnlyList<NamedBuffer> Tensors);
