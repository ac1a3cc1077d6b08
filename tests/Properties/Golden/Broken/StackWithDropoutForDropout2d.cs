using System.Reflection;
using Verification.Core;

namespace Verification.Properties.Golden.Broken;

/// <summary>
/// Known wrong: a stack whose <c>Dropout2d(p)</c> builds element-wise <c>Dropout(p)</c> — the mix-up document 002 warns
/// about for convolutional layers (one draw per activation where PyTorch draws one per channel). Every other member is
/// the wrapped stack's. A proxy, so that members added to <see cref="IStack"/> later pass through unchanged.
/// </summary>
public class StackWithDropoutForDropout2d : DispatchProxy
{
    private IStack _inner = null!;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public static IStack Wrap(IStack inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var proxy = Create<IStack, StackWithDropoutForDropout2d>();
        ((StackWithDropoutForDropout2d)(object)proxy)._inner = inner;
        return proxy;
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IStack.Dropout2d))
        {
            targetMethod = typeof(IStack).GetMethod(nameof(IStack.Dropout))!;
        }
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
