using Verification.Core;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 002.L1: the explicit L2 penalty <c>P = λ·Σ w²</c> over the weights (parameters named "…weight"),
/// biases left alone, as 002_91f9a1e79ea80b56.txt computes it; gradient <c>∂P/∂w = 2λ·w</c>.
/// </summary>
public static class L2Penalty
{
    /// <summary>λ·Σ w² over the weights, summed in double.</summary>
    public static float Value(IModule model, double lambda)
    {
        double sum = 0;
        foreach (Parameter weight in Weights(model))
        {
            foreach (float w in weight.Value.Data) sum += (double)w * w;
        }
        return (float)(lambda * sum);
    }

    /// <summary>Adds 2λ·w into each weight's gradient (biases untouched).</summary>
    public static void AddGradient(IModule model, double lambda)
    {
        foreach (Parameter weight in Weights(model))
        {
            for (int i = 0; i < weight.Value.Length; i++) weight.Grad[i] += (float)(2 * lambda * weight.Value[i]);
        }
    }

    private static IEnumerable<Parameter> Weights(IModule model) =>
        model.NamedParameters().Where(p => p.Name.EndsWith("weight", StringComparison.Ordinal)).Select(p => p.Parameter);
}
