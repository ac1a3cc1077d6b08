using Verification.Core;

namespace Verification.Properties.CrossChecks.Broken;

/// <summary>
/// BUG: a BatchNorm1d whose backward is skipped — the upstream gradient is passed through as if the layer were the
/// identity, dropping the 1/σ factor and the two batch-mean terms of <c>(γ/σ)(dy − mean dy − x̂·mean(dy·x̂))</c>;
/// ∂γ and ∂β are never accumulated.
/// </summary>
public sealed class BatchNormWithSkippedBackward(IModule batchNorm) : IModule
{
    public bool IsTraining => batchNorm.IsTraining;

    public void SetTraining(bool training) => batchNorm.SetTraining(training);

    public Tensor Forward(Tensor input) => batchNorm.Forward(input);

    public Tensor Backward(Tensor gradOutput) => gradOutput.Clone();

    public IEnumerable<NamedParameter> NamedParameters() => batchNorm.NamedParameters();

    public IEnumerable<NamedBuffer> NamedBuffers() => batchNorm.NamedBuffers();
}
