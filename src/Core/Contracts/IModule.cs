namespace Verification.Core;

/// <summary>
/// A layer: <c>y = f(x)</c> forward, <c>∂L/∂x</c> from <c>∂L/∂y</c> backward, with parameter gradients added
/// into each <see cref="Parameter.Grad"/>. Backward uses what the latest Forward kept, so call them in pairs.
/// Modules start in training mode, as in PyTorch; eval mode never draws random numbers.
/// </summary>
public interface IModule
{
    /// <summary>True in training mode (<c>model.train()</c>), false in eval mode (<c>model.eval()</c>).</summary>
    bool IsTraining { get; }

    /// <summary>Switches this module (and its children) between training and eval mode.</summary>
    void SetTraining(bool training);

    /// <summary>Computes the output. The returned tensor may be reused by this module's next call.</summary>
    Tensor Forward(Tensor input);

    /// <summary>Given <c>∂L/∂y</c> for the latest Forward, adds parameter gradients and returns <c>∂L/∂x</c>.</summary>
    Tensor Backward(Tensor gradOutput);

    /// <summary>The trainable parameters with PyTorch's names, in <c>named_parameters()</c> order.</summary>
    IEnumerable<NamedParameter> NamedParameters();

    /// <summary>The buffers (running statistics) with PyTorch's names; none for most layers.</summary>
    IEnumerable<NamedBuffer> NamedBuffers() => [];

    /// <summary>The direct sub-modules, in order (PyTorch's <c>children()</c>); none for a single layer.</summary>
    IEnumerable<IModule> Children() => [];
}

/// <summary>Conveniences over <see cref="IModule"/> with PyTorch's names.</summary>
public static class ModuleExtensions
{
    /// <summary><c>model.train()</c>.</summary>
    public static T Train<T>(this T module) where T : IModule
    {
        module.SetTraining(true);
        return module;
    }

    /// <summary><c>model.eval()</c>.</summary>
    public static T Eval<T>(this T module) where T : IModule
    {
        module.SetTraining(false);
        return module;
    }

    /// <summary><c>model.parameters()</c>.</summary>
    public static IReadOnlyList<Parameter> Parameters(this IModule module) =>
        module.NamedParameters().Select(p => p.Parameter).ToArray();
}
