using System.Reflection;
using Verification.Core;
using Verification.Core.Random;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Laws;

/// <summary>
/// The two stacks are twins: the same classes with the same public surface, the same refusals in the same words, and
/// only the differences named here as intended.
/// </summary>
public class TwinContractTests
{
    private static readonly Assembly ReferenceAssembly = typeof(R.ReferenceStack).Assembly;
    private static readonly Assembly OptimizedAssembly = typeof(O.OptimizedStack).Assembly;

    private static string Twin(string name) => name == "ReferenceStack" ? "OptimizedStack" : name;

    private static string[] Surface(Type type, string ownNamespace) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Select(m => $"{m.MemberType} {m}".Replace(ownNamespace + ".", "", StringComparison.Ordinal)
                .Replace("ReferenceStack", "Stack", StringComparison.Ordinal).Replace("OptimizedStack", "Stack", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Every_public_Reference_class_has_an_Optimized_twin_with_the_same_public_surface()
    {
        Type[] referenceTypes = ReferenceAssembly.GetExportedTypes();
        Assert.NotEmpty(referenceTypes);
        foreach (Type reference in referenceTypes)
        {
            Type? optimized = OptimizedAssembly.GetType("Verification.Optimized." + Twin(reference.Name));
            Assert.True(optimized is not null, $"Reference's {reference.Name} has no twin in Verification.Optimized");
            string[] expected = Surface(reference, "Verification.Reference"), actual = Surface(optimized!, "Verification.Optimized");
            Assert.True(expected.SequenceEqual(actual),
                $"{reference.Name}: only in Reference: [{string.Join("; ", expected.Except(actual))}]; " +
                $"only in Optimized: [{string.Join("; ", actual.Except(expected))}]");
        }
    }

    /// <summary>
    /// What only the fast stack needs: the product kernels, threads and vector widths (Kernels/) and the vectorised
    /// generator (Random/).
    /// </summary>
    private static readonly Type[] OptimizedOnly =
        [typeof(O.Gemm), typeof(O.GemmPath), typeof(O.Parallelism), typeof(O.FastMersenneTwister), typeof(O.KernelPaths),
         typeof(O.ExactFma)];

    [Fact]
    public void Every_public_Optimized_class_outside_its_own_rooms_has_a_Reference_twin()
    {
        foreach (Type optimized in OptimizedAssembly.GetExportedTypes()
                     .Where(t => t.Namespace == "Verification.Optimized" && !OptimizedOnly.Contains(t)))
        {
            string name = optimized.Name == "OptimizedStack" ? "ReferenceStack" : optimized.Name;
            Assert.True(ReferenceAssembly.GetType("Verification.Reference." + name) is not null,
                $"Optimized's {optimized.Name} has no twin in Verification.Reference");
        }
    }

    /// <summary>Calls that every stack must refuse, each run on both stacks.</summary>
    public static TheoryData<string> BadCalls() => new(BadCall.Keys);

    private static readonly Dictionary<string, Action<IStack>> BadCall = new()
    {
        ["Linear(3, 2) on (4, 5)"] = s => s.Linear(3, 2, new TorchGenerator(0)).Forward(new Tensor(4, 5)),
        ["Linear(0, 2)"] = s => s.Linear(0, 2, new TorchGenerator(0)),
        ["Linear backward before forward"] = s => s.Linear(3, 2, new TorchGenerator(0)).Backward(new Tensor(4, 2)),
        ["Linear backward of another shape"] = s => Backward(s.Linear(3, 2, new TorchGenerator(0)), new Tensor(4, 3), new Tensor(4, 3)),
        ["ReLU backward of another shape"] = s => Backward(s.ReLU(), new Tensor(2, 3), new Tensor(3, 2)),
        ["Sigmoid backward of another shape"] = s => Backward(s.Sigmoid(), new Tensor(2, 3), new Tensor(6)),
        ["Tanh backward before forward"] = s => s.Tanh().Backward(new Tensor(2)),
        ["Dropout(1.5)"] = s => s.Dropout(1.5, new TorchGenerator(0)),
        ["Dropout backward of another shape"] = s => Backward(s.Dropout(0.5, new TorchGenerator(0)), new Tensor(3, 4), new Tensor(4, 3)),
        ["Dropout2d on a 2-D input"] = s => s.Dropout2d(0.5, new TorchGenerator(0)).Forward(new Tensor(4, 6)),
        ["BatchNorm1d(3) on (4, 5)"] = s => s.BatchNorm1d(3).Forward(new Tensor(4, 5)),
        ["BatchNorm1d training on one row"] = s => s.BatchNorm1d(3).Forward(new Tensor(1, 3)),
        ["BatchNorm1d(eps = 0)"] = s => s.BatchNorm1d(3, eps: 0),
        ["BatchNorm1d backward of another shape"] = s => Backward(s.BatchNorm1d(3), new Tensor(4, 3), new Tensor(3, 4)),
        ["Conv2d(3, 2, 2) on a 2-D input"] = s => s.Conv2d(3, 2, 2, new TorchGenerator(0)).Forward(new Tensor(3, 4)),
        ["Conv2d(3, 2, 2, groups: 2)"] = s => s.Conv2d(3, 2, 2, new TorchGenerator(0), groups: 2),
        ["Conv2d backward of another shape"] =
            s => Backward(s.Conv2d(1, 2, 2, new TorchGenerator(0)), new Tensor(1, 1, 3, 3), new Tensor(1, 2, 3, 3)),
        ["MaxPool2d(3, padding: 2)"] = s => s.MaxPool2d(3, padding: 2),
        ["AvgPool2d(2) on (1, 1, 1, 1)"] = s => s.AvgPool2d(2).Forward(new Tensor(1, 1, 1, 1)),
        ["Flatten on a 1-D input"] = s => s.Flatten().Forward(new Tensor(4)),
        ["BatchNorm2d(3) on (2, 3, 4)"] = s => s.BatchNorm2d(3).Forward(new Tensor(2, 3, 4)),
        ["Sequential with a null"] = s => s.Sequential(s.ReLU(), null!),
        ["MSELoss of mismatched shapes"] = s => s.MSELoss().Forward(new Tensor(2, 3), new Tensor(3, 2)),
        ["BCEWithLogitsLoss of an empty batch"] = s => s.BCEWithLogitsLoss().Forward(new Tensor(0), new Tensor(0)),
        ["CrossEntropyLoss with a target out of bounds"] = s => s.CrossEntropyLoss().Forward(new Tensor(2, 3), Tensor.Vector(0, 3)),
        ["CrossEntropyLoss with a fractional target"] = s => s.CrossEntropyLoss().Forward(new Tensor(2, 3), Tensor.Vector(0, 1.5f)),
        ["MSELoss backward before forward"] = s => s.MSELoss().Backward(),
        ["SGD(lr = −1)"] = s => s.SGD([new Parameter(new Tensor(2))], -1),
        ["SGD nesterov without momentum"] = s => s.SGD([new Parameter(new Tensor(2))], 0.1, nesterov: true),
        ["Adam(beta2 = 1)"] = s => s.Adam([new Parameter(new Tensor(2))], beta2: 1),
        ["AdamW with no parameters"] = s => s.AdamW([]),
    };

    private static void Backward(IModule layer, Tensor x, Tensor gradOutput)
    {
        layer.Forward(x);
        layer.Backward(gradOutput);
    }

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void Both_stacks_refuse_a_bad_call_with_the_same_exception_argument_and_message(string call)
    {
        Exception reference = Assert.ThrowsAny<Exception>(() => BadCall[call](R.ReferenceStack.Instance));
        Exception optimized = Assert.ThrowsAny<Exception>(() => BadCall[call](O.OptimizedStack.Instance));
        Assert.Equal(reference.GetType(), optimized.GetType());
        Assert.Equal(reference.Message, optimized.Message);
        Assert.Equal((reference as ArgumentException)?.ParamName, (optimized as ArgumentException)?.ParamName);
    }

    /// <summary>
    /// Intended difference: <see cref="IModule.Forward"/> allows a module to reuse its output tensor across calls, and
    /// the Optimized stack does (no allocation per step), for y and for ∂L/∂x, while the Reference stack returns a fresh
    /// tensor every call. Values are the same; only object identity differs, so callers that keep an output must clone it.
    /// </summary>
    [Fact]
    public void Intended_difference_Optimized_reuses_its_output_tensors_across_calls_and_Reference_does_not()
    {
        var x = Tensor.Full(0.5f, 4, 3);
        foreach ((string name, Func<IStack, IModule> build) in new (string, Func<IStack, IModule>)[]
                 {
                     ("Linear", s => s.Linear(3, 2, new TorchGenerator(1))), ("ReLU", s => s.ReLU()), ("Tanh", s => s.Tanh()),
                     ("BatchNorm1d", s => s.BatchNorm1d(3)), ("Dropout", s => s.Dropout(0.5, new TorchGenerator(1))),
                 })
        {
            IModule reference = build(R.ReferenceStack.Instance), optimized = build(O.OptimizedStack.Instance);
            Assert.False(ReferenceEquals(reference.Forward(x), reference.Forward(x)), $"Reference {name} returns a fresh output");
            Assert.True(ReferenceEquals(optimized.Forward(x), optimized.Forward(x)), $"Optimized {name} reuses its output");
            var g = Tensor.Full(0.25f, reference.Forward(x).Shape);
            optimized.Forward(x);
            Assert.False(ReferenceEquals(reference.Backward(g), reference.Backward(g)), $"Reference {name} returns a fresh ∂L/∂x");
            Assert.True(ReferenceEquals(optimized.Backward(g), optimized.Backward(g)), $"Optimized {name} reuses its ∂L/∂x");
        }
    }
}
