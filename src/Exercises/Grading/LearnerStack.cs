using Verification.Core;
using Verification.Core.Random;
using Verification.Reference;

namespace Verification.Exercises.Grading;

/// <summary>
/// An <see cref="IStack"/> built from a learner's answers: Dropout, Dropout2d, ReLU, Linear, BatchNorm1d, SGD (no momentum),
/// Adam and AdamW are the learner's own; everything else (losses, Sequential, the other layers) is the Reference stack's.
/// So the learner's layers run inside the documents' own programs (src/Core/Scripts) and PyTorch's golden cases.
/// </summary>
public sealed class LearnerStack(IAnswers answers) : IStack
{
    private readonly IAnswers _answers = answers ?? throw new ArgumentNullException(nameof(answers));
    private static IStack Rest => ReferenceStack.Instance;

    /// <inheritdoc/>
    public string Name => "learner";

    /// <inheritdoc/>
    public IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator, bool bias = true) =>
        bias ? _answers.Linear(inFeatures, outFeatures, generator)
            : throw new NotSupportedException("the learner's Linear always has a bias (the exercises never ask for bias: false).");

    /// <inheritdoc/>
    public IModule ReLU() => _answers.ReLU();

    /// <inheritdoc/>
    public IModule Sigmoid() => Rest.Sigmoid();

    /// <inheritdoc/>
    public IModule Tanh() => Rest.Tanh();

    /// <inheritdoc/>
    public IModule Dropout(double p, TorchGenerator generator) => _answers.Dropout(p, generator);

    /// <inheritdoc/>
    public IModule Dropout2d(double p, TorchGenerator generator) => _answers.Dropout2d(p, generator);

    /// <inheritdoc/>
    public IModule Dropout1d(double p, TorchGenerator generator) => Rest.Dropout1d(p, generator);

    /// <inheritdoc/>
    public IModule Dropout3d(double p, TorchGenerator generator) => Rest.Dropout3d(p, generator);

    /// <inheritdoc/>
    public IModule AlphaDropout(double p, TorchGenerator generator) => Rest.AlphaDropout(p, generator);

    /// <inheritdoc/>
    public IModule FeatureAlphaDropout(double p, TorchGenerator generator) => Rest.FeatureAlphaDropout(p, generator);

    /// <inheritdoc/>
    public IModule BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1) => _answers.BatchNorm1d(numFeatures, eps, momentum);

    /// <inheritdoc/>
    public IModule Conv2d(int inChannels, int outChannels, int kernelSize, TorchGenerator generator, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true) =>
        Rest.Conv2d(inChannels, outChannels, kernelSize, generator, stride, padding, dilation, groups, bias);

    /// <inheritdoc/>
    public IModule MaxPool2d(int kernelSize, int? stride = null, int padding = 0) => Rest.MaxPool2d(kernelSize, stride, padding);

    /// <inheritdoc/>
    public IModule AvgPool2d(int kernelSize, int? stride = null, int padding = 0) => Rest.AvgPool2d(kernelSize, stride, padding);

    /// <inheritdoc/>
    public IModule Flatten() => Rest.Flatten();

    /// <inheritdoc/>
    public IModule BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1) => Rest.BatchNorm2d(numFeatures, eps, momentum);

    /// <inheritdoc/>
    public IModule Sequential(params IModule[] layers) => Rest.Sequential(layers);

    /// <inheritdoc/>
    public ILoss MSELoss() => Rest.MSELoss();

    /// <inheritdoc/>
    public ILoss BCEWithLogitsLoss() => Rest.BCEWithLogitsLoss();

    /// <inheritdoc/>
    public ILoss CrossEntropyLoss() => Rest.CrossEntropyLoss();

    /// <inheritdoc/>
    public IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false) =>
        momentum == 0 && !nesterov
            ? _answers.SGD(parameters, lr, weightDecay)
            : throw new NotSupportedException("the learner's SGD has no momentum (exercise 002.L2 asks for plain SGD with weight decay).");

    /// <inheritdoc/>
    public IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0) => _answers.Adam(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2) => _answers.AdamW(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IModule DropConnect(int inFeatures, int outFeatures, double p, TorchGenerator generator, bool bias = true) =>
        Rest.DropConnect(inFeatures, outFeatures, p, generator, bias);

    /// <inheritdoc/>
    public IModule StochasticDepth(double p, string mode, TorchGenerator generator) => Rest.StochasticDepth(p, mode, generator);

    /// <inheritdoc/>
    public IModule Residual(IModule block) => Rest.Residual(block);
}
