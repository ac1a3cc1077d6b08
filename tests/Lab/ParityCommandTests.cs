using System.Text.Json.Nodes;
using Shouldly;
using Verification.Lab.Tests.Support;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>
/// The <c>parity</c> command against the copied golden vectors, and against altered, unreadable and unknown ones on
/// temporary copies: it must pass the real vectors (all 250 epochs of the experiments, uninstrumented here), fail
/// naming the case when one number is changed, and never drop a case silently.
/// </summary>
public class ParityCommandTests
{
    [Fact]
    public void The_optimized_stack_passes_every_golden_file()
    {
        var (exit, output) = LabRun.Invoke("parity", "--golden", LabRun.GoldenFolder, "--impl", "optimized");

        exit.ShouldBe(0, output);
        output.ShouldContain("rng.json");
        output.ShouldContain("408/408");
        output.ShouldContain("experiments.json   4/4");
        output.ShouldContain("conv.json          33/33");
        output.ShouldContain("dropout_family.json 108/108");
        output.ShouldContain("sine.json          4/4");
        output.ShouldContain("numpy.json         100/100");
        output.ShouldContain("cnn_digits.json    3/3");
        output.ShouldContain("total 814/814");
        output.ShouldNotContain("FAILED");
    }

    [Fact]
    public void The_reference_stack_passes_every_file_but_the_long_experiments()
    {
        using var folder = new TempFolder().With(LabRun.GoldenFolder, "rng.json", "init.json", "dropout.json", "layers.json", "optim.json");

        var (exit, output) = LabRun.Invoke("parity", "--golden", folder.Path, "--impl", "reference");

        exit.ShouldBe(0, output);
        output.ShouldContain("total 562/562");
    }

    [Fact]
    public void An_altered_value_fails_naming_the_file_the_case_and_the_index()
    {
        using var folder = new TempFolder().With(LabRun.GoldenFolder, "dropout.json");
        string path = Path.Combine(folder.Path, "dropout.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var cases = root["cases"]!.AsArray();
        // A case with p = 0.5, so the altered value is one that dropout keeps or zeroes: either way it is wrong now.
        var altered = cases.First(c => c!["params"]!["p"]!.GetValue<double>() == 0.5)!;
        string name = $"Dropout seed={altered["seed"]} p=0.5";
        var y = altered["y"]!.AsArray();
        y[5] = y[5]!.GetValue<double>() + 0.25;
        File.WriteAllText(path, root.ToJsonString());

        var (exit, output) = LabRun.Invoke("parity", "--golden", folder.Path, "--impl", "both");

        exit.ShouldBe(1, output);
        output.ShouldContain("dropout.json       63/64");
        output.ShouldContain("FAILED");
        output.ShouldContain("at index 5");
        output.ShouldContain($"dropout.json {name}: FAILED y:");
    }

    [Fact]
    public void An_unreadable_file_fails_the_run()
    {
        using var folder = new TempFolder().With(LabRun.GoldenFolder, "rng.json");
        File.WriteAllText(Path.Combine(folder.Path, "broken.json"), "{ \"cases\": [ {\"op\": ");

        var (exit, output) = LabRun.Invoke("parity", "--golden", folder.Path, "--impl", "reference");

        exit.ShouldBe(1, output);
        output.ShouldContain("broken.json");
        output.ShouldContain("unreadable");
        output.ShouldContain("408/408");
    }

    [Fact]
    public void Cases_of_an_unknown_kind_are_counted_as_skipped()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "future.json"),
            """{ "source": "a later libtorch", "cases": [ { "op": "StochasticDepth", "seed": 0, "params": {} } ] }""");

        var (exit, output) = LabRun.Invoke("parity", "--golden", folder.Path, "--impl", "optimized");

        exit.ShouldBe(0, output);
        output.ShouldContain("1 skipped");
    }

    [Fact]
    public void A_missing_folder_is_reported_with_its_path()
    {
        string missing = Path.Combine(Path.GetTempPath(), "verification-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var (exit, output) = LabRun.Invoke("parity", "--golden", missing);

        exit.ShouldBe(2);
        output.ShouldContain("does not exist");
        output.ShouldContain("verification-no-such-folder-");
    }

    [Fact]
    public void An_unknown_implementation_is_rejected_by_the_parser()
    {
        var (exit, output) = LabRun.Invoke("parity", "--golden", LabRun.GoldenFolder, "--impl", "fast");

        exit.ShouldBe(2);
        output.ShouldContain("fast");
    }
}
