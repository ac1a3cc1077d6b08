using System.Runtime.Intrinsics;
using Verification.Core;
using Verification.Core.Checkpoints;

namespace Verification.Optimized;

/// <summary>
/// <c>optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)</c>, with decay coupled into the gradient.
/// Per element in float, in TorchSharp's order: <c>g ← g + λ·w</c>; <c>m ← β₁·m + (1 − β₁)·g</c>;
/// <c>v ← β₂·v + (1 − β₂)·g·g</c>; <c>d = √v / √(1 − β₂ᵗ) + ε</c>; <c>w ← w − (lr/(1 − β₁ᵗ))·(m / d)</c>.
/// One fused Vector512 pass per parameter; the scalar tail computes the same operations.
/// </summary>
public sealed class Adam : IStatefulOptimizer
{
    private readonly AdamCore _core;

    /// <summary>An Adam optimizer over <paramref name="parameters"/>.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    {
        _core = new AdamCore(parameters, lr, beta1, beta2, eps, weightDecay, decoupled: false);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _core.Parameters;

    /// <inheritdoc/>
    public void Step() => _core.Step();

    /// <inheritdoc/>
    public void ZeroGrad() => _core.ZeroGrad();

    /// <inheritdoc/>
    public OptimizerState SaveState() => _core.SaveState();

    /// <inheritdoc/>
    public void LoadState(OptimizerState state) => _core.LoadState(state);
}

/// <summary>The update shared by Adam (decay coupled into g) and AdamW (decay applied to w: <c>w ← w·(1 − lr·λ)</c> first).</summary>
internal sealed class AdamCore
{
    private readonly Parameter[] _parameters;
    private readonly float[][] _m, _v;
    private readonly double _lr, _beta1, _beta2, _eps, _weightDecay;
    private readonly bool _decoupled;
    private long _step;

    public AdamCore(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        OptimizerArguments.NonNegative(lr, nameof(lr), "learning rate");
        OptimizerArguments.NonNegative(eps, nameof(eps), "epsilon value");
        OptimizerArguments.Beta(beta1, nameof(beta1), 0);
        OptimizerArguments.Beta(beta2, nameof(beta2), 1);
        OptimizerArguments.NonNegative(weightDecay, nameof(weightDecay), "weight_decay value");
        _parameters = OptimizerArguments.Parameters(parameters, nameof(parameters));
        (_lr, _beta1, _beta2, _eps, _weightDecay, _decoupled) = (lr, beta1, beta2, eps, weightDecay, decoupled);
        _m = new float[_parameters.Length][];
        _v = new float[_parameters.Length][];
        for (int i = 0; i < _parameters.Length; i++)
        {
            _m[i] = new float[_parameters[i].Value.Length];
            _v[i] = new float[_parameters[i].Value.Length];
        }
    }

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public OptimizerState SaveState()
    {
        var tensors = new List<NamedBuffer>();
        for (int k = 0; k < _parameters.Length; k++)
        {
            int[] shape = _parameters[k].Value.Shape;
            tensors.Add(new NamedBuffer(OptimizerStates.Name(k, "exp_avg"), Tensor.FromValues(_m[k], shape)));
            tensors.Add(new NamedBuffer(OptimizerStates.Name(k, "exp_avg_sq"), Tensor.FromValues(_v[k], shape)));
        }
        return new OptimizerState(_step, tensors);
    }

    public void LoadState(OptimizerState state)
    {
        var expected = new List<(string, int[])>();
        for (int k = 0; k < _parameters.Length; k++)
        {
            expected.Add((OptimizerStates.Name(k, "exp_avg"), _parameters[k].Value.Shape));
            expected.Add((OptimizerStates.Name(k, "exp_avg_sq"), _parameters[k].Value.Shape));
        }
        float[][] values = OptimizerStates.Match(state, expected, nameof(state));
        for (int k = 0; k < _parameters.Length; k++)
        {
            values[2 * k].CopyTo(_m[k], 0);
            values[2 * k + 1].CopyTo(_v[k], 0);
        }
        _step = state.Step;
    }

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.ZeroGrad();
        }
    }

    public void Step()
    {
        _step++;
        double biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        double biasCorrection2 = 1 - Math.Pow(_beta2, _step);
        // Scalars reach ATen's float kernels rounded to float.
        var s = new Scalars
        {
            Decay = _decoupled ? 0f : (float)_weightDecay,
            Shrink = (float)(1 - _lr * _weightDecay),
            Beta1 = (float)_beta1,
            OneMinusBeta1 = (float)(1 - _beta1),
            Beta2 = (float)_beta2,
            OneMinusBeta2 = (float)(1 - _beta2),
            SqrtBiasCorrection2 = (float)Math.Sqrt(biasCorrection2),
            Eps = (float)_eps,
            MinusStepSize = (float)-(_lr / biasCorrection1),
        };
        for (int k = 0; k < _parameters.Length; k++)
        {
            Update(_parameters[k].Value.Data, _parameters[k].Grad.Data, _m[k], _v[k], s, _decoupled && _weightDecay != 0);
        }
    }

    private struct Scalars
    {
        public float Decay, Shrink, Beta1, OneMinusBeta1, Beta2, OneMinusBeta2, SqrtBiasCorrection2, Eps, MinusStepSize;
    }

    private static void Update(Span<float> w, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, Scalars s, bool shrink)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var decay = Vector512.Create(s.Decay);
            var shrinkV = Vector512.Create(s.Shrink);
            var beta1 = Vector512.Create(s.Beta1);
            var oneMinusBeta1 = Vector512.Create(s.OneMinusBeta1);
            var beta2 = Vector512.Create(s.Beta2);
            var oneMinusBeta2 = Vector512.Create(s.OneMinusBeta2);
            var sqrtBc2 = Vector512.Create(s.SqrtBiasCorrection2);
            var eps = Vector512.Create(s.Eps);
            var minusStep = Vector512.Create(s.MinusStepSize);
            for (; i + 16 <= w.Length; i += 16)
            {
                var wi = Vector512.Create(w.Slice(i, 16));
                var g = Vector512.Create(grad.Slice(i, 16));
                if (shrink) wi *= shrinkV;
                if (s.Decay != 0) g = Vector512.FusedMultiplyAdd(wi, decay, g);
                var mi = Vector512.FusedMultiplyAdd(g, oneMinusBeta1, Vector512.Create(m.Slice(i, 16)) * beta1);
                // The same roundings as TorchSharp/ATen (and the Reference): v = fma((1−β₂)·g, g, β₂·v); w += (−step·m)/denom.
                var vi = Vector512.FusedMultiplyAdd(oneMinusBeta2 * g, g, Vector512.Create(v.Slice(i, 16)) * beta2);
                var denom = Vector512.Sqrt(vi) / sqrtBc2 + eps;
                wi += minusStep * mi / denom;
                mi.CopyTo(m.Slice(i, 16));
                vi.CopyTo(v.Slice(i, 16));
                wi.CopyTo(w.Slice(i, 16));
            }
        }
        for (; i < w.Length; i++)
        {
            float wi = w[i], g = grad[i];
            if (shrink) wi *= s.Shrink;
            if (s.Decay != 0) g = MathF.FusedMultiplyAdd(wi, s.Decay, g);
            float mi = MathF.FusedMultiplyAdd(g, s.OneMinusBeta1, m[i] * s.Beta1);
            float vi = MathF.FusedMultiplyAdd(s.OneMinusBeta2 * g, g, v[i] * s.Beta2);
            float denom = MathF.Sqrt(vi) / s.SqrtBiasCorrection2 + s.Eps;
            wi += s.MinusStepSize * mi / denom;
            m[i] = mi;
            v[i] = vi;
            w[i] = wi;
        }
    }
}
