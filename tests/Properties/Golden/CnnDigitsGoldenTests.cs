using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Parity;
using Verification.Properties.Golden.Broken;
using Xunit;
using Xunit.Sdk;

namespace Verification.Properties.Golden;

/// <summary>
/// The digits CNN's golden check (cnn_digits.json, <see cref="CnnDigitsGoldenCases"/>) rejects a run that differs only
/// in the shuffle order or in the dropout layer, on the first epoch, so the prefix the suite trains sees both.
/// </summary>
public class CnnDigitsGoldenTests
{
    private static GoldenCase Case(string dropout) =>
        GoldenParity.Cases("cnn_digits.json").Single(c => c.Json.GetProperty("params").GetProperty("dropout").GetString() == dropout);

    [Fact]
    public void The_hand_written_loop_with_DataLoaders_order_matches_PyTorch()
    {
        var check = new CaseCheck();
        CnnDigitsGoldenCases.Compare(Case("Dropout2d"), TrainFirstEpoch(ConvDropout.Dropout2d, loaderOrder: true), [0], [0], check);
        GoldenParity.Assert(check, "Dropout2d with DataLoader's order");
    }

    [Fact]
    public void A_permutation_drawn_from_the_default_generator_instead_of_DataLoaders_fails()
    {
        var check = new CaseCheck();
        CnnDigitsGoldenCases.Compare(Case("Dropout2d"), TrainFirstEpoch(ConvDropout.Dropout2d, loaderOrder: false), [0], [0], check);
        Assert.Throws<XunitException>(() => GoldenParity.Assert(check, "Dropout2d with randperm on the default generator"));
    }

    [Fact]
    public void Dropout_in_place_of_Dropout2d_fails()
    {
        var suite = new GoldenSuite([new CnnDigitsGoldenCases(epochLimit: 1)]);
        var outcome = suite.RunCase("cnn_digits.json", Case("Dropout2d"), StackWithDropoutForDropout2d.Wrap(Stacks.Optimized));
        Assert.Equal(CaseStatus.Failed, outcome.Status);
    }

    [Fact]
    public void An_unknown_dropout_kind_is_rejected_by_name()
    {
        var json = System.Text.Json.JsonDocument.Parse("""{"op":"cnn_digits","seed":0,"params":{"dropout":"Dropout3d"}}""");
        var check = new CaseCheck();
        var e = Assert.Throws<ArgumentException>(() => new CnnDigitsGoldenCases().Run(new GoldenCase(json.RootElement), Stacks.Optimized, check));
        Assert.Contains("'Dropout3d'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// One epoch of the script's loop written out by hand: with <paramref name="loaderOrder"/> the batches come from a
    /// shuffled <see cref="DataLoader"/>; without it, from <c>torch.randperm(1000)</c> on the default generator (the
    /// hand-made loader's classic mistake: same draws' source, another order and one int64 fewer).
    /// </summary>
    private static IReadOnlyList<EpochRecord> TrainFirstEpoch(ConvDropout dropout, bool loaderOrder)
    {
        var stack = Stacks.Optimized;
        var data = DigitsData.Load();
        var generator = new TorchGenerator(0);
        var model = CnnDigitsScript.BuildModel(stack, generator, dropout, 0.2);
        var optimizer = stack.Adam(model.Parameters(), lr: 1e-3);
        var loss = stack.CrossEntropyLoss();
        float meanLoss;
        if (loaderOrder)
        {
            meanLoss = Trainer.MiniBatchEpoch(model, loss, optimizer,
                new DataLoader(data.TrainImages, data.TrainLabels, 64, shuffle: true, generator: generator));
        }
        else
        {
            int[] order = generator.Randperm(DigitsData.TrainCount);
            double sum = 0;
            int batches = 0;
            for (int start = 0; start < order.Length; start += 64, batches++)
            {
                int count = Math.Min(64, order.Length - start);
                var (x, y) = Rows(data, order, start, count);
                sum += Trainer.FullBatchStep(model, loss, optimizer, x, y);
            }
            meanLoss = (float)(sum / batches);
        }
        model.SetTraining(false);
        return [new EpochRecord(1, meanLoss, Metrics.MulticlassAccuracy(model.Forward(data.TrainImages), data.TrainLabels),
            Metrics.MulticlassAccuracy(model.Forward(data.ValidationImages), data.ValidationLabels))];
    }

    private static (Tensor Images, Tensor Labels) Rows(DigitsDataset data, int[] order, int start, int count)
    {
        var images = new Tensor(count, 1, DigitsData.Side, DigitsData.Side);
        var labels = new Tensor(count);
        for (int r = 0; r < count; r++)
        {
            Array.Copy(data.TrainImages.Data, order[start + r] * DigitsData.Pixels, images.Data, r * DigitsData.Pixels, DigitsData.Pixels);
            labels.Data[r] = data.TrainLabels.Data[order[start + r]];
        }
        return (images, labels);
    }
}
