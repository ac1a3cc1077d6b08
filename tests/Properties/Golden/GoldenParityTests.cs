using Verification.Core;
using Verification.Parity;
using Verification.Properties.Support;
using Xunit;
using Xunit.Sdk;

namespace Verification.Properties.Golden;

/// <summary>
/// PyTorch parity: every case of every golden file (tests/Golden), through the same runners as the Lab's
/// <c>parity</c> command (src/Parity), for each implementation. Tolerances: src/Parity/ParityTolerances.cs.
/// </summary>
public class GoldenParityTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string stack in Stacks.Names())
        {
            foreach (string file in GoldenParity.Files.Where(f => RunsHere(stack, f)))
            {
                for (int i = 0; i < GoldenParity.Cases(file).Count; i++) data.Add(stack, file, i);
            }
        }
        return data;
    }

    /// <summary>
    /// Coverage instrumentation (every `dotnet test` collects it) slows the hot loops 10–50×: a 250-epoch run takes
    /// about 0.3 s on the Optimized stack and 20 s on the Reference stack bare, but minutes instrumented. So the suite
    /// compares a prefix of each experiment — the data, the initialisation, the first dropout masks and Adam steps,
    /// which is where a wrong draw or update shows. All 250 epochs are compared uninstrumented: for the Optimized
    /// stack by tests/Lab (the `parity` command in-process), for both stacks by CI's `parity` step.
    /// </summary>
    public static int ExperimentEpochs(string stack) => stack == "reference" ? 1 : 10;

    /// <summary>
    /// The digits CNN's epochs here: one on both stacks (its first epoch already holds the initialisation, the loader's
    /// draws, 16 batches of dropout masks and Adam steps). An instrumented epoch costs seconds on the Optimized stack
    /// and tens of seconds on the Reference stack (see <see cref="RunsHere"/>); all five are compared by tests/Lab for the
    /// Optimized stack and by CI's `parity` step for both.
    /// </summary>
    public const int CnnEpochs = 1;

    /// <summary>
    /// Every file runs here on both stacks but the digits CNN on the Reference stack: its one instrumented epoch cost 20 s
    /// a case (a third of this project's test time on two cores). That first epoch runs in tests/Lab
    /// (<c>ReferenceCnnParityTests</c>), where the stacks are not instrumented; all five epochs in CI's <c>parity</c> step.
    /// </summary>
    public static bool RunsHere(string stack, string file) => !(stack == "reference" && file == "cnn_digits.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_golden_case_matches_PyTorch(string stack, string file, int index)
    {
        var suite = new GoldenSuite(GoldenSuite.DefaultKinds(ExperimentEpochs(stack), CnnEpochs));
        var outcome = suite.RunCase(file, GoldenParity.Cases(file)[index], Stacks.ByName(stack));
        Assert.True(outcome.Status == CaseStatus.Passed, outcome.ToString());
    }

    [Fact]
    public void Every_case_of_every_golden_file_has_a_runner()
    {
        var suite = new GoldenSuite();
        var skipped = GoldenParity.Files.SelectMany(f => suite.RunFile(GoldenParity.PathOf(f), new NoStack()).Cases)
            .Where(c => c.Status == CaseStatus.Skipped).ToArray();
        Assert.Empty(skipped);
    }

    /// <summary>A stack that builds nothing: running every case through it proves each is recognised (and fails, not skips).</summary>
    private sealed class NoStack : IStack
    {
        public string Name => "none";
        public IModule Linear(int inFeatures, int outFeatures, Verification.Core.Random.TorchGenerator generator, bool bias = true) =>
            throw new NotSupportedException();
        public IModule ReLU() => throw new NotSupportedException();
        public IModule Sigmoid() => throw new NotSupportedException();
        public IModule Tanh() => throw new NotSupportedException();
        public IModule Dropout(double p, Verification.Core.Random.TorchGenerator generator) => throw new NotSupportedException();
        public IModule Dropout2d(double p, Verification.Core.Random.TorchGenerator generator) => throw new NotSupportedException();
        public IModule Dropout1d(double p, Verification.Core.Random.TorchGenerator generator) => throw new NotSupportedException();
        public IModule Dropout3d(double p, Verification.Core.Random.TorchGenerator generator) => throw new NotSupportedException();
        public IModule AlphaDropout(double p, Verification.Core.Random.TorchGenerator generator) => throw new NotSupportedException();
        public IModule FeatureAlphaDropout(double p, Verification.Core.Random.TorchGenerator generator) => throw new NotSupportedException();
        public IModule BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1) => throw new NotSupportedException();
        public IModule Conv2d(int inChannels, int outChannels, int kernelSize, Verification.Core.Random.TorchGenerator generator,
            int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true) => throw new NotSupportedException();
        public IModule MaxPool2d(int kernelSize, int? stride = null, int padding = 0) => throw new NotSupportedException();
        public IModule AvgPool2d(int kernelSize, int? stride = null, int padding = 0) => throw new NotSupportedException();
        public IModule Flatten() => throw new NotSupportedException();
        public IModule BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1) => throw new NotSupportedException();
        public IModule Sequential(params IModule[] layers) => throw new NotSupportedException();
        public ILoss MSELoss() => throw new NotSupportedException();
        public ILoss BCEWithLogitsLoss() => throw new NotSupportedException();
        public ILoss CrossEntropyLoss() => throw new NotSupportedException();
        public IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
            double weightDecay = 0, bool nesterov = false) => throw new NotSupportedException();
        public IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weightDecay = 0) => throw new NotSupportedException();
        public IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weightDecay = 1e-2) => throw new NotSupportedException();
        public IModule DropConnect(int inFeatures, int outFeatures, double p, Verification.Core.Random.TorchGenerator generator,
            bool bias = true) => throw new NotSupportedException();
        public IModule StochasticDepth(double p, string mode, Verification.Core.Random.TorchGenerator generator) =>
            throw new NotSupportedException();
        public IModule Residual(IModule block) => throw new NotSupportedException();
    }
}

/// <summary>The golden files beside the test assembly, parsed once.</summary>
public static class GoldenParity
{
    private static readonly Dictionary<string, IReadOnlyList<GoldenCase>> Parsed = new();

    /// <summary>The golden files, in name order.</summary>
    public static IReadOnlyList<string> Files { get; } =
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Golden"), "*.json").Select(Path.GetFileName)
            .Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>The full path of a golden file.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Golden", file);

    /// <summary>The cases of a file.</summary>
    public static IReadOnlyList<GoldenCase> Cases(string file)
    {
        lock (Parsed)
        {
            if (!Parsed.TryGetValue(file, out var cases))
            {
                cases = GoldenFile.Cases(file).Select(e => new GoldenCase(e)).ToArray();
                Parsed[file] = cases;
            }
            return cases;
        }
    }

    /// <summary>Throws an xunit failure naming the first failing comparison when <paramref name="check"/> is not ok.</summary>
    public static void Assert(CaseCheck check, string what)
    {
        var outcome = check.Outcome("", what);
        if (outcome.Status != CaseStatus.Passed) throw new XunitException(outcome.ToString());
    }
}
