namespace Verification.Core;

/// <summary>
/// A trainable tensor and its gradient. Backward passes add into <see cref="Grad"/> (as PyTorch accumulates
/// into <c>.grad</c>); an optimizer's <c>ZeroGrad</c> clears it.
/// </summary>
public sealed class Parameter
{
    /// <summary>A parameter holding <paramref name="value"/> with a zero gradient of the same shape.</summary>
    public Parameter(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Grad = new Tensor(value.Shape);
    }

    /// <summary>The current value, updated in place by optimizers.</summary>
    public Tensor Value { get; }

    /// <summary>The accumulated gradient of the loss with respect to <see cref="Value"/>.</summary>
    public Tensor Grad { get; }

    /// <summary>Sets every gradient element to zero.</summary>
    public void ZeroGrad() => Array.Clear(Grad.Data);
}

/// <summary>A parameter with the name PyTorch's <c>state_dict</c> gives it, e.g. <c>0.weight</c>.</summary>
public readonly record struct NamedParameter(string Name, Parameter Parameter);

/// <summary>A non-trainable tensor a module keeps (BatchNorm's running statistics), with its <c>state_dict</c> name.</summary>
public readonly record struct NamedBuffer(string Name, Tensor Value);
