using Shouldly;
using Verification.Lab.Tests.Support;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>The main job (the Lab's default command) and its explicit form <c>overfitting</c>.</summary>
public class OverfittingCommandTests
{
    [Fact]
    public void The_default_command_prints_both_tables_and_a_summary()
    {
        var (exit, output) = LabRun.Invoke("--epochs", "4", "--every", "2", "--impl", "optimized");

        exit.ShouldBe(0, output);
        output.ShouldContain("Overfitting on 60 samples");
        output.ShouldContain("without dropout");
        output.ShouldContain("with Dropout(0.4)");
        output.ShouldContain("train acc");
        output.ShouldContain("without dropout: never reaches 100% training accuracy");
    }

    [Fact]
    public void The_tables_match_pytorchs_first_epochs_for_seed_42()
    {
        // tests/Golden/experiments.json, seed 42, epoch 1: PyTorch measures 66.7% train and 48.5% validation accuracy
        // without dropout, 56.7% and 59.0% with it.
        var (exit, output) = LabRun.Invoke("overfitting", "--epochs", "1", "--impl", "reference");

        exit.ShouldBe(0, output);
        output.ShouldContain("│ 1     │ 0.6914     │ 66.7%     │ 48.5%   │");
        output.ShouldContain("│ 56.7%     │ 59.0%   │");
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--every", "0")]
    public void An_option_out_of_range_is_named_with_its_value(string option, string value)
    {
        var (exit, output) = LabRun.Invoke("overfitting", option, value);

        exit.ShouldBe(2);
        output.ShouldContain($"{option} must be at least 1, but got {value}");
    }
}
