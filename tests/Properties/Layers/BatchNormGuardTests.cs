using Verification.Core;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>
/// BatchNorm1d and BatchNorm2d refuse a feature count, ε or momentum PyTorch's formula cannot use, naming the argument,
/// on both stacks: a zero or negative feature count, an ε that is not a positive finite number (NaN included) and a
/// momentum outside [0, 1]. Mutation testing of the Reference (docs/reliability.md, "Mutation testing") found
/// BatchNorm2d's check unchecked.
/// </summary>
public class BatchNormGuardTests
{
    private static readonly (int NumFeatures, double Eps, double Momentum, string Refused)[] BadArguments =
    [
        (0, 1e-5, 0.1, "numFeatures"),
        (-1, 1e-5, 0.1, "numFeatures"),
        (3, 0, 0.1, "eps"),
        (3, -1e-5, 0.1, "eps"),
        (3, double.NaN, 0.1, "eps"),
        (3, double.PositiveInfinity, 0.1, "eps"),
        (3, 1e-5, -0.1, "momentum"),
        (3, 1e-5, 1.1, "momentum"),
        (3, 1e-5, double.NaN, "momentum"),
    ];

    public static TheoryData<string, string> Layers()
    {
        var data = new TheoryData<string, string>();
        foreach (string stack in Verification.Stacks.Names())
        {
            data.Add(stack, "BatchNorm1d");
            data.Add(stack, "BatchNorm2d");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void BatchNorm_refuses_bad_constructor_arguments_by_name(string stackName, string layer)
    {
        IStack stack = Verification.Stacks.ByName(stackName);
        foreach (var (numFeatures, eps, momentum, refused) in BadArguments)
        {
            Func<IModule> build = layer == "BatchNorm1d"
                ? () => stack.BatchNorm1d(numFeatures, eps, momentum)
                : () => stack.BatchNorm2d(numFeatures, eps, momentum);

            var error = Record.Exception(build);

            Assert.True(error is ArgumentOutOfRangeException e && e.ParamName == refused,
                $"{stackName} {layer}({numFeatures}, eps: {eps}, momentum: {momentum}): {error?.GetType().Name} {error?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void BatchNorm_accepts_the_edges_of_its_ranges(string stackName, string layer)
    {
        IStack stack = Verification.Stacks.ByName(stackName);
        foreach (double momentum in new[] { 0.0, 1.0 })
        {
            IModule built = layer == "BatchNorm1d" ? stack.BatchNorm1d(1, double.Epsilon, momentum) : stack.BatchNorm2d(1, double.Epsilon, momentum);
            Assert.True(built.IsTraining);
        }
    }
}
