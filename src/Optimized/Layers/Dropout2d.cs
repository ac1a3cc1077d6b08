using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.Dropout2d(p)</c>: drops whole channels. <c>x: (N, C, H, W)</c> or <c>(N, C, L)</c>; one Bernoulli(1 − p) draw per
/// (n, c), in that order, and every element of the plane is scaled: <c>y[n,c,…] = x[n,c,…] · m[n,c] / (1 − p)</c>;
/// backward the same with g. Eval mode, p = 0 and an empty input are the identity (the input object itself, and ∂L/∂y
/// itself backward, as ATen's <c>dropout</c>); p = 1 gives <c>x·0</c>; none of them draws. Other ranks are refused
/// (<see cref="DropoutChecks.ChannelInput"/>).
/// </summary>
public sealed class Dropout2d : IStochasticModule
{
    private readonly double _p;
    private readonly TorchGenerator _generator;
    private readonly float _scale;
    private readonly DropoutPlaneScale _planeScale = new();
    private ulong[]? _mask;
    private Tensor? _output, _gradInput, _input;
    private bool _identity, _zero;

    /// <summary>A channel-dropout layer dropping with probability <paramref name="p"/>.</summary>
    public Dropout2d(double p, TorchGenerator generator)
    {
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        _p = p;
        _generator = generator;
        _scale = p < 1 ? 1f / (float)(1.0 - p) : 0f;
    }

    /// <summary>The probability of dropping (zeroing) each (sample, channel) plane in training mode.</summary>
    public double P => _p;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <summary>
    /// Test hook: whether the latest Forward kept plane <paramref name="index"/> = n·C + c (row-major over (N, C)). True
    /// for every plane after an identity pass (eval mode, p = 0, empty input), false for every plane after a p = 1 pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Forward has run yet.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the N·C planes of the latest input.</exception>
    public bool Kept(int index)
    {
        Tensor input = BackwardChecks.Saved(_input, "Dropout2d");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, input.Size(0) * input.Size(1));
        return _identity || (!_zero && (_mask![index >> 6] >> (index & 63) & 1) != 0);
    }

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DropoutChecks.ChannelInput(input);
        _input = input;
        // An empty input is the identity and draws nothing, as ATen's _dropout_impl (numel() == 0) and the Reference.
        _identity = !IsTraining || _p == 0 || input.Length == 0;
        _zero = !_identity && _p == 1;
        if (_identity)
        {
            return input;
        }
        Tensor output = Buffers.Like(ref _output, input);
        if (_zero)
        {
            Dropout.MultiplyByScalar(input.Data, 0f, output.Data);
            return output;
        }
        int planes = input.Size(0) * input.Size(1);
        ulong[] mask = Buffers.Array(ref _mask, (planes + 63) / 64);
        FastMersenneTwister.BernoulliBits(_generator.Engine, 1.0 - _p, mask, planes);
        ScalePlanes(input.Data, mask, planes, output.Data);
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, "Dropout2d");
        BackwardChecks.GradOutput(gradOutput, input, "Dropout2d");
        if (_identity)
        {
            return gradOutput;
        }
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        if (_zero)
        {
            Dropout.MultiplyByScalar(gradOutput.Data, 0f, gradInput.Data);
            return gradInput;
        }
        ScalePlanes(gradOutput.Data, _mask!, input.Size(0) * input.Size(1), gradInput.Data);
        return gradInput;
    }

    private void ScalePlanes(float[] x, ulong[] mask, int planes, float[] y) => _planeScale.Run(x, mask, planes, _scale, y);

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
