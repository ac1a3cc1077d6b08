using Verification.Core;

namespace Verification.Parity;

/// <summary>Reaches a module's parameters and buffers by their PyTorch names, so golden values can be loaded into any stack's layers.</summary>
internal static class ModuleAccess
{
    public static Parameter Parameter(IModule module, string name) =>
        module.NamedParameters().FirstOrDefault(p => p.Name == name).Parameter
        ?? throw new InvalidOperationException($"the module has no parameter '{name}'.");

    public static Tensor Buffer(IModule module, string name) =>
        module.NamedBuffers().FirstOrDefault(b => b.Name == name).Value
        ?? throw new InvalidOperationException($"the module has no buffer '{name}'.");

    public static void Load(Parameter parameter, float[] values)
    {
        if (values.Length != parameter.Value.Length)
        {
            throw new FormatException($"the golden value has {values.Length} elements, the parameter {parameter.Value.Length}.");
        }
        values.CopyTo(parameter.Value.Data, 0);
    }
}
