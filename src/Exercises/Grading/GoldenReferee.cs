using System.Text.Json;
using Verification.Laws;
using Verification.Parity;

namespace Verification.Exercises.Grading;

/// <summary>
/// PyTorch as a referee: runs the cases of a golden file (tests/Golden/) that apply to a learner's layer and turns the
/// first mismatch into a <see cref="LawViolation"/> naming the case (op, seed, params), the first differing element,
/// PyTorch's value and the learner's.
/// </summary>
public static class GoldenReferee
{
    /// <summary>The law's name for <paramref name="file"/>: "matches PyTorch's output (tests/Golden/dropout.json)".</summary>
    public static string Law(string file) => $"matches PyTorch's output (tests/Golden/{file})";

    /// <summary>Runs <paramref name="run"/> on every case of <paramref name="file"/> that <paramref name="select"/> picks.</summary>
    public static void Check(string file, Func<GoldenCase, bool> select, Action<GoldenCase, CaseCheck> run)
    {
        ArgumentNullException.ThrowIfNull(select);
        ArgumentNullException.ThrowIfNull(run);
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory(), file)));
        int ran = 0;
        foreach (JsonElement json in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var c = new GoldenCase(json);
            if (!select(c)) continue;
            ran++;
            var check = new CaseCheck();
            run(c, check);
            CaseOutcome outcome = check.Outcome(file, c.Name);
            if (outcome.Status == CaseStatus.Failed)
            {
                var counterexample = new Counterexample(Shape(c), c.Json.TryGetProperty("params", out var p) && p.TryGetProperty("p", out var drop)
                    ? drop.GetDouble() : null, c.Seed, outcome.Index, c.Name);
                throw new LawViolation(Law(file), counterexample, "PyTorch's values", outcome.Detail ?? "a mismatch");
            }
        }
        if (ran == 0) throw new InvalidOperationException($"no case of tests/Golden/{file} applies: the grader's selection is wrong.");
    }

    /// <summary>
    /// The folder holding the golden files: <c>Golden/</c> beside the running assembly (the test projects copy it there), or
    /// <c>tests/Golden</c> above the working directory or the assembly (the Lab run from the repository).
    /// </summary>
    public static string Directory()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "Golden");
        if (File.Exists(Path.Combine(beside, "dropout.json"))) return beside;
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "tests", "Golden");
                if (File.Exists(Path.Combine(candidate, "dropout.json"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"tests/Golden (PyTorch's output) was not found above {Environment.CurrentDirectory}: run the grader from the repository.");
    }

    private static int[] Shape(GoldenCase c) =>
        c.Json.TryGetProperty("params", out var p) && p.TryGetProperty("shape", out var s) ? s.EnumerateArray().Select(v => v.GetInt32()).ToArray()
        : c.Json.TryGetProperty("shape", out var top) ? top.EnumerateArray().Select(v => v.GetInt32()).ToArray()
        : c.Json.TryGetProperty("x_shape", out var xs) ? xs.EnumerateArray().Select(v => v.GetInt32()).ToArray()
        : [];
}
