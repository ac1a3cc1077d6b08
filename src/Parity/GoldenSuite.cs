using System.Text.Json;
using Verification.Core;

namespace Verification.Parity;

/// <summary>
/// Runs golden files: every case whose op a known kind recognises is run and compared; cases of unknown kinds are
/// reported as skipped; a file that cannot be read is reported with its error.
/// </summary>
public sealed class GoldenSuite
{
    private readonly IReadOnlyList<IGoldenCaseKind> _kinds;

    /// <summary>A suite over the given kinds (default: every kind this project knows).</summary>
    public GoldenSuite(IReadOnlyList<IGoldenCaseKind>? kinds = null) => _kinds = kinds ?? DefaultKinds();

    /// <summary>
    /// Every kind this project knows; <paramref name="experimentEpochLimit"/> bounds the end-to-end runs (see
    /// <see cref="ExperimentGoldenCases"/> and <see cref="SineGoldenCases"/>), <paramref name="cnnEpochLimit"/> the digits
    /// CNN's (<see cref="CnnDigitsGoldenCases"/>; <paramref name="experimentEpochLimit"/> when not given).
    /// </summary>
    public static IReadOnlyList<IGoldenCaseKind> DefaultKinds(int? experimentEpochLimit = null, int? cnnEpochLimit = null) =>
        [
            new RngGoldenCases(), new InitGoldenCases(), new LayerGoldenCases(), new OptimizerGoldenCases(), new DropoutGoldenCases(),
            new DropoutFamilyGoldenCases(), new ConvGoldenCases(), new ExperimentGoldenCases(experimentEpochLimit),
            new SineGoldenCases(experimentEpochLimit), new NumpyGoldenCases(),
            new CnnDigitsGoldenCases(cnnEpochLimit ?? experimentEpochLimit),
        ];

    /// <summary>Runs every <c>*.json</c> file of <paramref name="directory"/>, in name order.</summary>
    public IReadOnlyList<FileReport> RunDirectory(string directory, IStack stack)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"golden directory '{directory}' does not exist.");
        }
        return Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => RunFile(f, stack)).ToArray();
    }

    /// <summary>Runs one file.</summary>
    public FileReport RunFile(string path, IStack stack)
    {
        string name = Path.GetFileName(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
            {
                return new FileReport(name, [], "no 'cases' array: not a golden file");
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new FileReport(name, [], e.Message);
        }
        using (document)
        {
            var outcomes = new List<CaseOutcome>();
            foreach (var json in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                outcomes.Add(RunCase(name, new GoldenCase(json), stack));
            }
            return new FileReport(name, outcomes);
        }
    }

    /// <summary>Runs one case; an exception inside the implementation is a failure, not a crash.</summary>
    public CaseOutcome RunCase(string file, GoldenCase c, IStack stack)
    {
        var kind = _kinds.FirstOrDefault(k => k.Recognizes(c));
        if (kind is null)
        {
            return new CaseOutcome(file, c.Name, CaseStatus.Skipped, Detail: $"no runner for op '{c.Op}'");
        }
        var check = new CaseCheck();
        try
        {
            kind.Run(c, stack, check);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new CaseOutcome(file, c.Name, CaseStatus.Failed, double.PositiveInfinity, null, $"{e.GetType().Name}: {e.Message}");
        }
        return check.Outcome(file, c.Name);
    }
}
