using System.Numerics;
using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises.Workbook;

/// <summary>
/// YOUR answers. Replace each <c>throw</c> with your implementation, then grade yourself:
/// <c>VERIFICATION_ANSWERS=workbook dotnet test tests/Exercises</c> or <c>dotnet run --project src/Lab -- grade --workbook</c>.
/// Each stub names the page in docs/exercises/ that restates the question, with hints.
/// </summary>
public sealed partial class Workbook : IAnswers
{
    // 000_467f5e23d3be4dee.txt — docs/exercises/000.md
    public IModule BuildOverfittingModel(IStack stack, TorchGenerator generator, double dropoutP) => throw Todo("000.1");
    public double Accuracy(IModule model, Tensor inputs, Tensor labels) => throw Todo("000.3");
    public double[] AccuraciesWithDropoutLeftOn(IModule model, Tensor inputs, Tensor labels, int repeats) => throw Todo("000.4");

    // 003_8edb894460b127c3.txt — docs/exercises/003.md
    public double ExpectedInvertedDropoutOutput(double activation, double p) => throw Todo("003.1");
    public float[] GradientAtPreActivations(float[] preActivations, float[] delta, float[] mask, double p) => throw Todo("003.2");
    public int[] UnitsWithoutUpdates(float[] mask) => throw Todo("003.3");
    public float[] ApplyMask(float[] activations, float[] mask) => throw Todo("003.4a");
    public float[] InvertedDropout(float[] activations, float[] mask, double p) => throw Todo("003.4b");
    public BigInteger SubNetworkCount(int units) => throw Todo("003.4c");
    public double EnsembleAverage(Func<bool[], double> subNetworkOutput, int units, double p) => throw Todo("003.6");
    public (double TrainingKept, double TrainingDropped, double Test) SigmoidOutputUnderDropout(double logit, double p) => throw Todo("003.7");

    // 001_9b6fb180196b46a2.txt — docs/exercises/001.md
    public float KeptScale(double p) => throw Todo("001.1");
    public double ExpectedSumAfterDropout(int units, double activation, double p) => throw Todo("001.2");

    // 002_91f9a1e79ea80b56.txt — docs/exercises/002.md
    public double InvertedDropoutVariance(double x, double p) => throw Todo("002.1");
    public (double L1, double L2) PenaltyPull(double weight, double lambda) => throw Todo("002.2");

    // 004_c66a46257145a448.txt — docs/exercises/004.md
    public char KnowledgeCheck(int question) => throw Todo("004.1-3");
    public float[] ZeroUnits(float[] hidden, int[] droppedUnits) => throw Todo("004.4");

    // Exercises that run the project's layers (any IStack) — see the page of each exercise's document.
    public float[] MeanOverMasks(IStack stack, float[] activations, double p, int passes, TorchGenerator generator) => throw Todo("003.5");
    public double BatchNormAfterDropoutEvalVariance(IStack stack, TorchGenerator generator, double p) => throw Todo("003.8");
    public (int TrainingZeros, int EvalZeros) CountZeroOutputs(IStack stack, TorchGenerator generator) => throw Todo("001.3");
    public Tensor Predict(IModule model, Tensor inputs) => throw Todo("001.4");
    public IModule BuildClassifier(IStack stack, TorchGenerator generator, int inputs, int hidden, int outputs, double p) => throw Todo("001.5");
    public double ExpectedActiveUnits(int units, double p) => throw Todo("001.6");
    public (long Bagging, long Dropout) ParameterCounts(int models, int inputs, int hidden, int outputs) => throw Todo("002.3");
    public (double Adam, double AdamW) DecayEffect(IStack stack, float gradient) => throw Todo("002.4");
    public double ResidualBlockEvalVariance(IStack stack, TorchGenerator generator, double p) => throw Todo("002.5");

    // The regularisation toolbox (Dropout2d, AlphaDropout, MC dropout, weight decay, DropConnect, stochastic depth) — docs/exercises/tbx.md
    public int Dropout2dKeptChannels(IStack stack, TorchGenerator generator, int batch, int channels, int height, int width, double p) =>
        throw Todo("tbx.1");
    public (double A, double B) AlphaDropoutAffine(double p) => throw Todo("tbx.2");
    public (float[] Mean, float[] StandardDeviation) McDropoutPrediction(IModule model, Tensor input, int passes) => throw Todo("tbx.3");
    public float WeightAfterSgdStepWithWeightDecay(float weight, float gradient, double lr, double weightDecay) => throw Todo("tbx.4");
    public double[] DropConnectExpectedOutput(float[] weight, float[] bias, float[] x, double p) => throw Todo("tbx.5");
    public (float Survived, float Dropped, double Expected) StochasticDepthResidual(float x, float branch, double p) => throw Todo("tbx.6");
    // Your stack — the classes are in Workbook/Layers/ (Document000.Layers.cs, Document002.Layers.cs); these lines only build them.
    public IModule Dropout(double p, TorchGenerator generator) => new Layers.Dropout(p, generator);
    public IModule ReLU() => new Layers.ReLU();
    public IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator) => new Layers.Linear(inFeatures, outFeatures, generator);
    public IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay) =>
        new Layers.Adam(parameters, lr, beta1, beta2, eps, weightDecay);
    public float L2Penalty(IModule model, double lambda) => Layers.L2Penalty.Value(model, lambda);
    public void AddL2PenaltyGradient(IModule model, double lambda) => Layers.L2Penalty.AddGradient(model, lambda);
    public IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double weightDecay) => new Layers.SGD(parameters, lr, weightDecay);
    public IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay) =>
        new Layers.AdamW(parameters, lr, beta1, beta2, eps, weightDecay);
    public IModule Dropout2d(double p, TorchGenerator generator) => new Layers.Dropout2d(p, generator);
    public IModule BatchNorm1d(int numFeatures, double eps, double momentum) => new Layers.BatchNorm1d(numFeatures, eps, momentum);

    private static NotImplementedException Todo(string exercise) =>
        new($"Exercise {exercise} is not attempted yet: read docs/exercises/{exercise[..3]}.md, then replace this throw.");
}
