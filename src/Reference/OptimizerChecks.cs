using Verification.Core;

namespace Verification.Reference;

/// <summary>The hyper-parameter checks of <c>torch.optim</c>, with PyTorch's messages. NaN fails every check.</summary>
internal static class OptimizerChecks
{
    /// <summary>A copy of the parameter list; PyTorch refuses an empty one.</summary>
    public static Parameter[] RequireParameters(IReadOnlyList<Parameter> parameters, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(parameters, argumentName);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("optimizer got an empty parameter list", argumentName);
        }
        var copy = new Parameter[parameters.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = parameters[i] ?? throw new ArgumentException($"parameter {i} is null.", argumentName);
        }
        return copy;
    }

    /// <summary><c>0 ≤ lr</c>.</summary>
    public static void LearningRate(double lr, string argumentName)
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(argumentName, lr, $"Invalid learning rate: {lr}");
    }

    /// <summary><c>0 ≤ momentum</c>.</summary>
    public static void Momentum(double momentum, string argumentName)
    {
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(argumentName, momentum, $"Invalid momentum value: {momentum}");
    }

    /// <summary>
    /// A dampening that is a number. PyTorch does not check it; a NaN would turn every momentum buffer into NaN, so it
    /// is rejected here (as in the Optimized stack).
    /// </summary>
    public static void Dampening(double dampening, string argumentName)
    {
        if (double.IsNaN(dampening)) throw new ArgumentOutOfRangeException(argumentName, dampening, $"Invalid dampening value: {dampening}");
    }

    /// <summary><c>0 ≤ weight_decay</c>.</summary>
    public static void WeightDecay(double weightDecay, string argumentName)
    {
        if (!(weightDecay >= 0))
        {
            throw new ArgumentOutOfRangeException(argumentName, weightDecay, $"Invalid weight_decay value: {weightDecay}");
        }
    }

    /// <summary><c>0 ≤ eps</c>.</summary>
    public static void Epsilon(double eps, string argumentName)
    {
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(argumentName, eps, $"Invalid epsilon value: {eps}");
    }

    /// <summary><c>0 ≤ βᵢ &lt; 1</c>; <paramref name="index"/> is 0 for β₁, 1 for β₂ as in PyTorch's <c>betas</c> tuple.</summary>
    public static void Beta(double beta, int index, string argumentName)
    {
        if (!(beta >= 0 && beta < 1))
        {
            throw new ArgumentOutOfRangeException(argumentName, beta, $"Invalid beta parameter at index {index}: {beta}");
        }
    }
}
