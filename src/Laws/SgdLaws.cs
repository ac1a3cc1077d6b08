using Verification.Core;

namespace Verification.Laws;

/// <summary>The SGD laws (plain SGD with PyTorch's coupled weight decay), apart so the Adam laws above stay one concern.</summary>
public static class SgdLaws
{
    /// <summary>The law <see cref="CheckStepWithWeightDecay"/> checks.</summary>
    public const string StepWithWeightDecay = "SGD with weight decay λ steps w ← w − lr·(g + λ·w)";

    /// <summary>
    /// One step of <c>torch.optim.SGD(lr, weight_decay=λ)</c> (no momentum) moves each weight to <c>w − lr·(g + λ·w)</c>,
    /// restated in double, within float rounding (relative 1e-6, absolute 1e-7); the gradient itself is left as it was.
    /// </summary>
    public static void CheckStepWithWeightDecay(Func<Parameter[], double, double, IOptimizer> create, Parameter[] parameters,
        double lr, double weightDecay, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(parameters);
        Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
        Tensor[] gradients = parameters.Select(p => p.Grad.Clone()).ToArray();
        create(parameters, lr, weightDecay).Step();
        for (int p = 0; p < parameters.Length; p++)
        {
            var counterexample = new Counterexample(before[p].Shape, Seed: seed, Detail: $"lr {lr}, λ {weightDecay}, parameter {p}");
            float[] expected = before[p].Data.Select((w, i) => (float)(w - lr * (gradients[p][i] + weightDecay * w))).ToArray();
            Near.Equal(expected, parameters[p].Value.Data, 1e-6, 1e-7, StepWithWeightDecay, counterexample, "w − lr·(g + λ·w)");
            Bits.Equal(gradients[p].Data, parameters[p].Grad.Data, StepWithWeightDecay, counterexample, "the gradient, untouched by step");
        }
    }
}
