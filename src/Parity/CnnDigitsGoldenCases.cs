using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Scripts;
using Verification.Core.Training;

namespace Verification.Parity;

/// <summary>
/// cnn_digits.json: the digits CNN trained end to end by <see cref="CnnDigitsScript"/> — initialisation, DataLoader's
/// shuffled order, dropout masks and 16 Adam steps per epoch drawn and taken as libtorch took them — without dropout,
/// with Dropout and with Dropout2d after each convolution's ReLU. Per epoch: the mean batch loss within
/// <see cref="ParityTolerances.CnnDigitsLoss"/>, and the eval-mode counts of correct predictions (of 1000 training and
/// 797 validation digits) equal, except that a prediction whose two largest logits lie within
/// <see cref="ParityTolerances.CnnDigitsLogitTie"/> of each other may go either way: the count may differ by at most the
/// number of such near-ties (docs/parity.md derives both bounds).
/// </summary>
public sealed class CnnDigitsGoldenCases(int? epochLimit = null) : IGoldenCaseKind
{
    /// <summary>
    /// When set, only the first this-many epochs are trained and compared (a prefix of the same run); the test suite uses
    /// it for the scalar Reference stack under coverage instrumentation. The Lab's <c>parity</c> command checks all five.
    /// </summary>
    public int? EpochLimit { get; } = epochLimit;

    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => c.Op == "cnn_digits";

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        string dropout = c.Json.GetProperty("params").GetProperty("dropout").GetString() ?? "";
        var kind = dropout switch
        {
            "none" => ConvDropout.None,
            "Dropout" => ConvDropout.Dropout,
            "Dropout2d" => ConvDropout.Dropout2d,
            _ => throw new ArgumentException($"expected dropout none, Dropout or Dropout2d, but got '{dropout}'.", nameof(c)),
        };
        int epochs = Math.Min((int)c.Param("epochs"), EpochLimit ?? int.MaxValue);
        var settings = new CnnDigitsScript.Settings(Seed: c.Seed, Epochs: epochs, LearningRate: c.Param("lr"),
            BatchSize: (int)c.Param("batch_size"), Dropout: kind, DropoutP: c.Param("p"));
        var data = DigitsData.Load();
        var trainTies = new List<int>();
        var validationTies = new List<int>();
        var run = CnnDigitsScript.Run(stack, settings, data, (_, model) =>
        {
            trainTies.Add(NearTies(model.Forward(data.TrainImages)));
            validationTies.Add(NearTies(model.Forward(data.ValidationImages)));
        });
        Compare(c, run.History, trainTies, validationTies, check);
    }

    /// <summary>
    /// Compares a run's first epochs with case <paramref name="c"/>: the mean batch loss, and the counts of correct
    /// predictions up to each epoch's near-ties (<see cref="NearTies"/> of the training and validation logits).
    /// </summary>
    public static void Compare(GoldenCase c, IReadOnlyList<EpochRecord> history, IReadOnlyList<int> trainTies,
        IReadOnlyList<int> validationTies, CaseCheck check)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(trainTies);
        ArgumentNullException.ThrowIfNull(validationTies);
        ArgumentNullException.ThrowIfNull(check);
        int epochs = history.Count;
        string dropout = c.Json.GetProperty("params").GetProperty("dropout").GetString() ?? "";
        check.Values($"{dropout}: mean batch loss of epochs 1–{epochs}", c.Floats("mean_batch_loss")[..epochs],
            history.Select(r => r.TrainLoss).ToArray(), ParityTolerances.CnnDigitsLoss);
        CompareCounts(check, $"{dropout}: correct training digits of {DigitsData.TrainCount}", c.Floats("train_acc")[..epochs],
            history.Select(r => r.TrainAccuracy).ToArray(), DigitsData.TrainCount, trainTies);
        int validationCount = DigitsData.Count - DigitsData.TrainCount;
        CompareCounts(check, $"{dropout}: correct validation digits of {validationCount}", c.Floats("val_acc")[..epochs],
            history.Select(r => r.ValidationAccuracy).ToArray(), validationCount, validationTies);
    }

    /// <summary>The rows of <paramref name="logits"/> <c>(N, C)</c> whose two largest values are within the tie bound.</summary>
    public static int NearTies(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int rows = logits.Size(0), classes = logits.Size(1), ties = 0;
        for (int r = 0; r < rows; r++)
        {
            float first = float.NegativeInfinity, second = float.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                float v = logits.Data[r * classes + k];
                if (v > first) { second = first; first = v; }
                else if (v > second) second = v;
            }
            if ((double)first - second <= ParityTolerances.CnnDigitsLogitTie) ties++;
        }
        return ties;
    }

    /// <summary>
    /// Compares counts of correct predictions (accuracy × N, exact in float for N below 2²⁴); where a count is off by no
    /// more than that epoch's near-ties, the expected count is taken as matched.
    /// </summary>
    private static void CompareCounts(CaseCheck check, string what, float[] expected, float[] actual, int samples,
        IReadOnlyList<int> ties)
    {
        int[] expectedCounts = expected.Select(a => (int)Math.Round((double)a * samples)).ToArray();
        int[] actualCounts = actual.Select(a => (int)Math.Round((double)a * samples)).ToArray();
        for (int i = 0; i < actualCounts.Length; i++)
        {
            if (Math.Abs(actualCounts[i] - expectedCounts[i]) <= ties[i]) actualCounts[i] = expectedCounts[i];
        }
        check.Integers($"{what} per epoch (near-ties {string.Join(", ", ties)})", expectedCounts, actualCounts);
    }
}
