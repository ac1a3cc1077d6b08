using Verification.Core;

namespace Verification.Exercises.Key.Modules;

/// <summary>The model answer to 000.L2: <c>nn.ReLU()</c>, <c>y = max(x, 0)</c>; backward <c>∂x = g·[y &gt; 0]</c> (0 at the kink).</summary>
public sealed class ReLU : IModule
{
    private Tensor? _output;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y = max(x, 0); NaN stays NaN.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.Shape);
        for (int i = 0; i < output.Length; i++) output[i] = input[i] > 0f || float.IsNaN(input[i]) ? input[i] : 0f;
        _output = output;
        return output;
    }

    /// <summary>∂x = g where y &gt; 0, else 0.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = _output ?? throw new InvalidOperationException("ReLU: Backward called before Forward.");
        var gradInput = new Tensor(gradOutput.Shape);
        for (int i = 0; i < gradInput.Length; i++) gradInput[i] = output[i] > 0f ? gradOutput[i] : 0f;
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
