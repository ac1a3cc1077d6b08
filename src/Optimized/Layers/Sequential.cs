using Verification.Core;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.Sequential(*layers)</c>: <c>y = fₖ(…f₁(f₀(x)))</c>; backward runs the layers in reverse. Parameters are named
/// <c>"{index}.{name}"</c>.
/// </summary>
public sealed class Sequential : IModule
{
    private readonly IModule[] _layers;

    /// <summary>The layers, applied in order.</summary>
    public Sequential(params IModule[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i] is null)
            {
                throw new ArgumentException($"layer {i} is null.", nameof(layers));
            }
        }
        _layers = (IModule[])layers.Clone();
        IsTraining = true;
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<IModule> Layers => _layers;

    /// <inheritdoc/>
    public IEnumerable<IModule> Children() => _layers;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; }

    /// <inheritdoc/>
    public void SetTraining(bool training)
    {
        IsTraining = training;
        foreach (var layer in _layers)
        {
            layer.SetTraining(training);
        }
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor x = input;
        for (int i = 0; i < _layers.Length; i++)
        {
            x = _layers[i].Forward(x);
        }
        return x;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor g = gradOutput;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            g = _layers[i].Backward(g);
        }
        return g;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            foreach (var p in _layers[i].NamedParameters())
            {
                yield return new NamedParameter($"{i}.{p.Name}", p.Parameter);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerable<NamedBuffer> NamedBuffers()
    {
        for (int i = 0; i < _layers.Length; i++)
        {
            foreach (var b in _layers[i].NamedBuffers())
            {
                yield return new NamedBuffer($"{i}.{b.Name}", b.Value);
            }
        }
    }
}
