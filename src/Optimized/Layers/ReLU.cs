using System.Runtime.Intrinsics;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary><c>nn.ReLU()</c>: <c>y = max(x, 0)</c> (NaN stays NaN); backward <c>∂x = g · [y &gt; 0]</c>. Any shape.</summary>
public sealed class ReLU : IModule
{
    private Tensor? _output, _gradInput;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = Buffers.Like(ref _output, input);
        ReadOnlySpan<float> x = input.Data;
        Span<float> y = output.Data;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= x.Length; i += 16)
            {
                Vector512.Max(Vector512.Create(x.Slice(i, 16)), Vector512<float>.Zero).CopyTo(y.Slice(i, 16));
            }
        }
        for (; i < x.Length; i++)
        {
            y[i] = Math.Max(x[i], 0f);
        }
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "ReLU");
        BackwardChecks.GradOutput(gradOutput, output, "ReLU");
        Tensor gradInput = Buffers.Like(ref _gradInput, output);
        ReadOnlySpan<float> y = output.Data, g = gradOutput.Data;
        Span<float> gi = gradInput.Data;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= y.Length; i += 16)
            {
                var positive = Vector512.GreaterThan(Vector512.Create(y.Slice(i, 16)), Vector512<float>.Zero);
                (Vector512.Create(g.Slice(i, 16)) & positive).CopyTo(gi.Slice(i, 16));
            }
        }
        for (; i < y.Length; i++)
        {
            gi[i] = y[i] > 0f ? g[i] : 0f;
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
