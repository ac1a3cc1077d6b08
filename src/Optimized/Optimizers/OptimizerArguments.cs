using Verification.Core;

namespace Verification.Optimized;

/// <summary>Argument checks shared by the optimizers, with PyTorch's wording.</summary>
internal static class OptimizerArguments
{
    public static Parameter[] Parameters(IReadOnlyList<Parameter> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters, name);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("optimizer got an empty parameter list", name);
        }
        var copy = new Parameter[parameters.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = parameters[i] ?? throw new ArgumentNullException(name, $"parameter {i} is null.");
        }
        return copy;
    }

    public static void NonNegative(double value, string name, string what)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Invalid {what}: {value}");
        }
    }

    public static void Beta(double value, string name, int index)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Invalid beta parameter at index {index}: {value}");
        }
    }
}
