using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.CrossChecks.Broken;

/// <summary>
/// BUG: the right mask, but the scale rounded from double, <c>(float)(1/(1 − p))</c>, where ATen divides by the float
/// <c>(float)(1 − p)</c> (<c>1f/(float)(1 − p)</c>). The two agree for p = 0.1, 0.3, 0.5 … and differ in the last bit for
/// p = 0.15 or 0.42: only a bit-exact comparison over varied p catches it.
/// </summary>
public sealed class DropoutWithDoubleRoundedScale(double p, TorchGenerator generator) : IModule
{
    private float[]? _noise;

    public bool IsTraining { get; private set; } = true;

    public void SetTraining(bool training) => IsTraining = training;

    public Tensor Forward(Tensor input)
    {
        if (!IsTraining || p == 0 || p == 1)
        {
            _noise = null;
            return p == 1 && IsTraining ? Scaled(input, 0f) : input.Clone();
        }
        var noise = new float[input.Length];
        generator.Bernoulli(noise, 1 - p);
        float scale = (float)(1.0 / (1.0 - p));
        for (int i = 0; i < noise.Length; i++) noise[i] *= scale;
        _noise = noise;
        var y = new Tensor(input.Shape);
        for (int i = 0; i < y.Length; i++) y[i] = input[i] * noise[i];
        return y;
    }

    public Tensor Backward(Tensor gradOutput)
    {
        if (_noise is null) return gradOutput.Clone();
        var dx = new Tensor(gradOutput.Shape);
        for (int i = 0; i < dx.Length; i++) dx[i] = gradOutput[i] * _noise[i];
        return dx;
    }

    public IEnumerable<NamedParameter> NamedParameters() => [];

    private static Tensor Scaled(Tensor x, float s)
    {
        var y = new Tensor(x.Shape);
        for (int i = 0; i < y.Length; i++) y[i] = x[i] * s;
        return y;
    }
}
