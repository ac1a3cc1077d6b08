using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verification.Core.Documents;
using Verification.Core.Scripts;
using Verification.Core.Training;

namespace Verification.Lab.Commands;

/// <summary>
/// The main job: the first document's (000_467f5e23d3be4dee.txt) overfitting experiment, without and then with
/// dropout, printed as a train/validation table with the train–validation gap.
/// </summary>
public static class OverfittingCommand
{
    /// <summary>Builds the command (also the root command's default action).</summary>
    public static Command Create(IAnsiConsole console)
    {
        var impl = StackOption.Single();
        var seed = new Option<ulong>("--seed") { Description = "torch.manual_seed value.", DefaultValueFactory = _ => 42 };
        var epochs = new Option<int>("--epochs") { Description = "Full-batch Adam epochs per model.", DefaultValueFactory = _ => 250 };
        var every = new Option<int>("--every") { Description = "Print every N-th epoch.", DefaultValueFactory = _ => 25 };
        epochs.Validators.Add(r =>
            { if (r.GetValueOrDefault<int>() < 1) r.AddError($"--epochs must be at least 1, but got {r.GetValueOrDefault<int>()}"); });
        every.Validators.Add(r =>
            { if (r.GetValueOrDefault<int>() < 1) r.AddError($"--every must be at least 1, but got {r.GetValueOrDefault<int>()}"); });
        var command = new Command("overfitting", "Document 000's experiment: 60 samples, 20 features, without and with Dropout(0.4).")
        {
            impl, seed, epochs, every,
        };
        command.SetAction(parse => Run(console, parse.GetValue(impl)!, parse.GetValue(seed), parse.GetValue(epochs), parse.GetValue(every)));
        return command;
    }

    /// <summary>Runs the experiment and prints it; returns 0.</summary>
    public static int Run(IAnsiConsole console, string impl, ulong seed, int epochs, int every)
    {
        var stack = StackOption.Resolve(impl)[0];
        var settings = new OverfittingScript.Settings(Seed: seed, Epochs: epochs);
        console.MarkupLine($"[bold]Overfitting on 60 samples[/] ({CourseDocuments.Document000}) — seed {seed}, {epochs} full-batch Adam epochs, " +
                           $"lr {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, {stack.Name} stack");
        var result = OverfittingScript.Run(stack, settings);
        console.Write(Table("without dropout", result.WithoutDropout, every));
        console.Write(Table($"with Dropout({settings.DropoutP.ToString(CultureInfo.InvariantCulture)})", result.WithDropout, every));
        Summarise(console, "without dropout", result.WithoutDropout);
        Summarise(console, "with dropout", result.WithDropout);
        console.MarkupLine("The document reports 100% training and 77% validation accuracy after 100 epochs without dropout, " +
                           "and a smaller gap with dropout; `claims` checks each of its numbers.");
        return 0;
    }

    private static Table Table(string title, TrainingHistory history, int every)
    {
        var table = new Table().Title(title).AddColumns("epoch", "train loss", "train acc", "val acc", "gap");
        foreach (var r in history.Where(r => r.Epoch == 1 || r.Epoch % every == 0 || r.Epoch == history.Count))
        {
            table.AddRow(r.Epoch.ToString(CultureInfo.InvariantCulture), r.TrainLoss.ToString("0.0000", CultureInfo.InvariantCulture),
                Percent(r.TrainAccuracy), Percent(r.ValidationAccuracy), Percent(r.Gap));
        }
        return table;
    }

    private static void Summarise(IAnsiConsole console, string name, TrainingHistory history)
    {
        var perfect = history.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        var final = history[^1];
        string reached = perfect is null ? "never reaches 100% training accuracy" : $"first reaches 100% training accuracy at epoch {perfect.Epoch}";
        console.MarkupLine($"[bold]{name}[/]: {reached}; final validation {Percent(final.ValidationAccuracy)}, gap {Percent(final.Gap)}.");
    }

    private static string Percent(float value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
