using Verification.Core;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>The fast implementation of <see cref="IStack"/>: every type of this namespace, with PyTorch's defaults.</summary>
public sealed class OptimizedStack : IStack
{
    /// <summary>One shared instance (the stack holds no state).</summary>
    public static OptimizedStack Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "optimized";

    /// <inheritdoc/>
    public IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator, bool bias = true) =>
        new Linear(inFeatures, outFeatures, generator, bias);

    /// <inheritdoc/>
    public IModule ReLU() => new ReLU();

    /// <inheritdoc/>
    public IModule Sigmoid() => new Sigmoid();

    /// <inheritdoc/>
    public IModule Tanh() => new Tanh();

    /// <inheritdoc/>
    public IModule Dropout(double p, TorchGenerator generator) => new Dropout(p, generator);

    /// <inheritdoc/>
    public IModule Dropout2d(double p, TorchGenerator generator) => new Dropout2d(p, generator);

    /// <inheritdoc/>
    public IModule Dropout1d(double p, TorchGenerator generator) => new Dropout1d(p, generator);

    /// <inheritdoc/>
    public IModule Dropout3d(double p, TorchGenerator generator) => new Dropout3d(p, generator);

    /// <inheritdoc/>
    public IModule AlphaDropout(double p, TorchGenerator generator) => new AlphaDropout(p, generator);

    /// <inheritdoc/>
    public IModule FeatureAlphaDropout(double p, TorchGenerator generator) => new FeatureAlphaDropout(p, generator);

    /// <inheritdoc/>
    public IModule BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1) =>
        new BatchNorm1d(numFeatures, eps, momentum);

    /// <inheritdoc/>
    public IModule Conv2d(int inChannels, int outChannels, int kernelSize, TorchGenerator generator, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true) =>
        new Conv2d(inChannels, outChannels, kernelSize, generator, stride, padding, dilation, groups, bias);

    /// <inheritdoc/>
    public IModule MaxPool2d(int kernelSize, int? stride = null, int padding = 0) => new MaxPool2d(kernelSize, stride, padding);

    /// <inheritdoc/>
    public IModule AvgPool2d(int kernelSize, int? stride = null, int padding = 0) => new AvgPool2d(kernelSize, stride, padding);

    /// <inheritdoc/>
    public IModule Flatten() => new Flatten();

    /// <inheritdoc/>
    public IModule BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1) => new BatchNorm2d(numFeatures, eps, momentum);

    /// <inheritdoc/>
    public IModule Sequential(params IModule[] layers) => new Sequential(layers);

    /// <inheritdoc/>
    public ILoss MSELoss() => new MSELoss();

    /// <inheritdoc/>
    public ILoss BCEWithLogitsLoss() => new BCEWithLogitsLoss();

    /// <inheritdoc/>
    public ILoss CrossEntropyLoss() => new CrossEntropyLoss();

    /// <inheritdoc/>
    public IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false) => new SGD(parameters, lr, momentum, dampening, weightDecay, nesterov);

    /// <inheritdoc/>
    public IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0) => new Adam(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2) => new AdamW(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IModule DropConnect(int inFeatures, int outFeatures, double p, TorchGenerator generator, bool bias = true) =>
        new DropConnect(inFeatures, outFeatures, p, generator, bias);

    /// <inheritdoc/>
    public IModule StochasticDepth(double p, string mode, TorchGenerator generator) => new StochasticDepth(p, mode, generator);

    /// <inheritdoc/>
    public IModule Residual(IModule block) => new Residual(block);
}
