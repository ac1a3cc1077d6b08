namespace Verification.Core.Checks;

/// <summary>
/// The hyper-parameter checks of <c>torch.optim</c> (torch/optim/sgd.py, adam.py, adamw.py), with PyTorch's messages,
/// for both stacks. NaN fails every check.
/// </summary>
public static class OptimizerChecks
{
    /// <summary>A copy of the parameter list; PyTorch refuses an empty one.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a null.</exception>
    public static Parameter[] Parameters(IReadOnlyList<Parameter> parameters, string argumentName = "parameters")
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
    public static void LearningRate(double lr, string argumentName = "lr")
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(argumentName, lr, $"Invalid learning rate: {lr}");
    }

    /// <summary><c>0 ≤ momentum</c>.</summary>
    public static void Momentum(double momentum, string argumentName = "momentum")
    {
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(argumentName, momentum, $"Invalid momentum value: {momentum}");
    }

    /// <summary>
    /// A dampening that is a number. PyTorch does not check it; a NaN would turn every momentum buffer into NaN, so it
    /// is rejected here.
    /// </summary>
    public static void Dampening(double dampening, string argumentName = "dampening")
    {
        if (double.IsNaN(dampening))
        {
            throw new ArgumentOutOfRangeException(argumentName, dampening, $"Invalid dampening value: {dampening}");
        }
    }

    /// <summary>Nesterov momentum needs a positive momentum and zero dampening.</summary>
    public static void Nesterov(bool nesterov, double momentum, double dampening, string argumentName = "nesterov")
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException(
                $"Nesterov momentum requires a momentum and zero dampening (got momentum {momentum}, dampening {dampening})",
                argumentName);
        }
    }

    /// <summary><c>0 ≤ weight_decay</c>.</summary>
    public static void WeightDecay(double weightDecay, string argumentName = "weightDecay")
    {
        if (!(weightDecay >= 0))
        {
            throw new ArgumentOutOfRangeException(argumentName, weightDecay, $"Invalid weight_decay value: {weightDecay}");
        }
    }

    /// <summary><c>0 ≤ eps</c>.</summary>
    public static void Epsilon(double eps, string argumentName = "eps")
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

    /// <summary>The checks every Adam-family optimizer makes, in PyTorch's order.</summary>
    public static Parameter[] Adam(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps,
        double weightDecay)
    {
        LearningRate(lr);
        Epsilon(eps);
        Beta(beta1, 0, nameof(beta1));
        Beta(beta2, 1, nameof(beta2));
        WeightDecay(weightDecay);
        return Parameters(parameters);
    }

    /// <summary>The checks of <c>optim.SGD</c>, in PyTorch's order.</summary>
    public static Parameter[] Sgd(IReadOnlyList<Parameter> parameters, double lr, double momentum, double dampening,
        double weightDecay, bool nesterov)
    {
        LearningRate(lr);
        Momentum(momentum);
        Dampening(dampening);
        WeightDecay(weightDecay);
        Nesterov(nesterov, momentum, dampening);
        return Parameters(parameters);
    }
}
