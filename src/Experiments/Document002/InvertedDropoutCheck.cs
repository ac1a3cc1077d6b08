using Verification.Core;
using Verification.Core.Random;

namespace Verification.Experiments.Document002;

/// <summary>
/// What the dropout-internals script prints. The ones proof: Dropout(0.5) on 10 000 ones (<see cref="OnesKept"/> survivors,
/// each 2.0), then the same layer in eval mode. The classifier: row 0 of the logits of two training-mode and two
/// eval-mode passes over the same (4, 20) input, and whether each pair is <c>torch.allclose</c>. Dropout2d(0.3) on
/// ones (2, 8, 4, 4): the channels of sample 0 that survive, and each (sample, channel) plane's survival.
/// </summary>
public sealed record InvertedDropoutResult(
    int OnesCount,
    int OnesKept,
    double OnesTrainMean,
    double OnesTrainNonZeroFraction,
    double OnesEvalMean,
    double OnesEvalNonZeroFraction,
    float[] TrainLogitsRun1,
    float[] TrainLogitsRun2,
    bool TrainRunsAllClose,
    float[] EvalLogitsRun1,
    float[] EvalLogitsRun2,
    bool EvalRunsAllClose,
    int SurvivingChannelsOfSample0,
    bool[] ChannelSurvived,
    bool WholeChannelsDropped);

/// <summary>
/// The dropout-internals script of 002_91f9a1e79ea80b56.txt, drawn as it draws from <c>manual_seed(7)</c>: the ones
/// proof's mask (10 000 doubles); the classifier's three Linear layers (20→64, 64→32, 32→5, in construction order;
/// its Dropout(0.5) layers draw nothing until they run); <c>randn(4, 20)</c>; two training-mode passes (two masks per
/// pass, first hidden block first); two eval-mode passes (no draws); then Dropout2d(0.3)'s 16 channel draws.
/// </summary>
public static class InvertedDropoutCheck
{
    /// <summary>The script's seed.</summary>
    public const ulong Seed = 7;

    /// <summary>Ones in the proof, and the rate.</summary>
    public const int OnesCount = 10_000;

    /// <summary>Dropout's rate in the proof and in the classifier.</summary>
    public const double Rate = 0.5;

    /// <summary>Dropout2d's rate.</summary>
    public const double SpatialRate = 0.3;

    /// <summary>Runs the script on <paramref name="stack"/>.</summary>
    public static InvertedDropoutResult Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var generator = new TorchGenerator(Seed);

        IModule dropout = stack.Dropout(Rate, generator);
        Tensor ones = Tensor.Ones(OnesCount);
        dropout.SetTraining(true);
        var (trainMean, trainNonZero, kept) = MeanAndNonZero(dropout.Forward(ones));
        dropout.SetTraining(false);
        var (evalMean, evalNonZero, _) = MeanAndNonZero(dropout.Forward(ones));

        IModule classifier = BuildClassifier(stack, generator);
        Tensor sample = generator.Randn(4, 20);
        classifier.SetTraining(true);
        Tensor train1 = classifier.Forward(sample).Clone();
        Tensor train2 = classifier.Forward(sample).Clone();
        classifier.SetTraining(false);
        Tensor eval1 = classifier.Forward(sample).Clone();
        Tensor eval2 = classifier.Forward(sample).Clone();

        IModule spatial = stack.Dropout2d(SpatialRate, generator);
        spatial.SetTraining(true);
        Tensor maps = spatial.Forward(Tensor.Ones(2, 8, 4, 4));
        var (survived, wholeChannels) = ChannelSurvival(maps);
        int survivingOfSample0 = 0;
        for (int c = 0; c < 8; c++)
        {
            if (survived[c]) survivingOfSample0++;
        }

        return new InvertedDropoutResult(OnesCount, kept, trainMean, trainNonZero, evalMean, evalNonZero,
            Row0(train1), Row0(train2), AllClose(train1, train2), Row0(eval1), Row0(eval2), AllClose(eval1, eval2),
            survivingOfSample0, survived, wholeChannels);
    }

    /// <summary>
    /// <c>RegularisedClassifier(20, 64, 5, 0.5)</c>: <c>Linear(20, 64), ReLU, Dropout, Linear(64, 32), ReLU, Dropout,
    /// Linear(32, 5)</c>, dropout after each hidden activation and none before the output.
    /// </summary>
    public static IModule BuildClassifier(IStack stack, TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(generator);
        return stack.Sequential(
            stack.Linear(20, 64, generator), stack.ReLU(), stack.Dropout(Rate, generator),
            stack.Linear(64, 32, generator), stack.ReLU(), stack.Dropout(Rate, generator),
            stack.Linear(32, 5, generator));
    }

    /// <summary>
    /// <c>y.mean()</c> and <c>(y != 0).float().mean()</c>, and the count of non-zeros. The values are multiples of
    /// 2.0 here, so the sums are exact and the double means are what float32 prints to four decimals.
    /// </summary>
    public static (double Mean, double NonZeroFraction, int NonZero) MeanAndNonZero(Tensor y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length == 0)
        {
            throw new ArgumentException("the mean of an empty tensor is undefined.", nameof(y));
        }
        double sum = 0;
        int nonZero = 0;
        foreach (float v in y.Data)
        {
            sum += v;
            if (v != 0f) nonZero++;
        }
        return (sum / y.Length, (double)nonZero / y.Length, nonZero);
    }

    /// <summary>
    /// For <c>maps: (N, C, H, W)</c>, whether each (n, c) plane sums to non-zero (the script's test), row-major over
    /// (N, C); and whether every plane is all zero or all non-zero (whole channels dropped, not pixels).
    /// </summary>
    public static (bool[] Survived, bool WholeChannels) ChannelSurvival(Tensor maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        Shapes.RequireRank(maps, 4, nameof(maps), "channel survival");
        int planes = maps.Size(0) * maps.Size(1);
        int plane = maps.Size(2) * maps.Size(3);
        var survived = new bool[planes];
        bool whole = true;
        for (int k = 0; k < planes; k++)
        {
            float sum = 0f;
            int nonZero = 0;
            for (int i = 0; i < plane; i++)
            {
                float v = maps.Data[k * plane + i];
                sum += v;
                if (v != 0f) nonZero++;
            }
            survived[k] = sum != 0f;
            whole &= nonZero == 0 || nonZero == plane;
        }
        return (survived, whole);
    }

    /// <summary><c>torch.allclose(a, b)</c> with its defaults: <c>|a − b| ≤ 1e-8 + 1e-5·|b|</c> everywhere.</summary>
    public static bool AllClose(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.SameShape(b)) return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (!(Math.Abs((double)a.Data[i] - b.Data[i]) <= 1e-8 + 1e-5 * Math.Abs((double)b.Data[i]))) return false;
        }
        return true;
    }

    private static float[] Row0(Tensor logits)
    {
        var row = new float[logits.Size(1)];
        Array.Copy(logits.Data, row, row.Length);
        return row;
    }
}
