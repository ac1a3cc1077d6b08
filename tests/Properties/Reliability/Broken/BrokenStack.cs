using Verification.Core;
using Verification.Core.Random;
using Verification.Reference;

namespace Verification.Properties.Reliability.Broken;

/// <summary>
/// The Reference stack with one factory swapped for a known-wrong implementation; the bad-input sweep must reject each
/// (see <c>BrokenValidationTests</c>).
/// </summary>
public sealed class BrokenStack(string name) : IStack
{
    private static readonly ReferenceStack Inner = ReferenceStack.Instance;

    /// <summary>Every broken variant's name.</summary>
    public static readonly string[] Variants =
        ["dropout accepts NaN p", "batchnorm counts before checking", "linear draws before checking", "mse loss without ParamName"];

    /// <inheritdoc/>
    public string Name => "broken: " + name;

    /// <inheritdoc/>
    public IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator, bool bias = true)
    {
        if (name == "linear draws before checking")
        {
            // Bug: a draw happens before the sizes are checked, so a rejected call has moved the generator.
            generator.NextFloat();
        }
        return Inner.Linear(inFeatures, outFeatures, generator, bias);
    }

    /// <inheritdoc/>
    public IModule Dropout(double p, TorchGenerator generator) =>
        // Bug: PyTorch's own test (p < 0 || p > 1) lets NaN through to a meaningless mask.
        name == "dropout accepts NaN p" && double.IsNaN(p) ? Inner.Dropout(0.5, generator) : Inner.Dropout(p, generator);

    /// <inheritdoc/>
    public IModule BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1) =>
        name == "batchnorm counts before checking"
            ? new CountingFirst((Verification.Reference.BatchNorm1d)Inner.BatchNorm1d(numFeatures, eps, momentum))
            : Inner.BatchNorm1d(numFeatures, eps, momentum);

    /// <inheritdoc/>
    public ILoss MSELoss() => name == "mse loss without ParamName" ? new NamelessMse() : Inner.MSELoss();

    /// <inheritdoc/>
    public IModule ReLU() => Inner.ReLU();

    /// <inheritdoc/>
    public IModule Sigmoid() => Inner.Sigmoid();

    /// <inheritdoc/>
    public IModule Tanh() => Inner.Tanh();

    /// <inheritdoc/>
    public IModule Dropout2d(double p, TorchGenerator generator) => Inner.Dropout2d(p, generator);

    /// <inheritdoc/>
    public IModule Conv2d(int inChannels, int outChannels, int kernelSize, TorchGenerator generator, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true) =>
        Inner.Conv2d(inChannels, outChannels, kernelSize, generator, stride, padding, dilation, groups, bias);

    /// <inheritdoc/>
    public IModule MaxPool2d(int kernelSize, int? stride = null, int padding = 0) => Inner.MaxPool2d(kernelSize, stride, padding);

    /// <inheritdoc/>
    public IModule AvgPool2d(int kernelSize, int? stride = null, int padding = 0) => Inner.AvgPool2d(kernelSize, stride, padding);

    /// <inheritdoc/>
    public IModule Flatten() => Inner.Flatten();

    /// <inheritdoc/>
    public IModule BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1) => Inner.BatchNorm2d(numFeatures, eps, momentum);

    /// <inheritdoc/>
    public IModule Dropout1d(double p, TorchGenerator generator) => Inner.Dropout1d(p, generator);

    /// <inheritdoc/>
    public IModule Dropout3d(double p, TorchGenerator generator) => Inner.Dropout3d(p, generator);

    /// <inheritdoc/>
    public IModule AlphaDropout(double p, TorchGenerator generator) => Inner.AlphaDropout(p, generator);

    /// <inheritdoc/>
    public IModule FeatureAlphaDropout(double p, TorchGenerator generator) => Inner.FeatureAlphaDropout(p, generator);

    /// <inheritdoc/>
    public IModule Sequential(params IModule[] layers) => Inner.Sequential(layers);

    /// <inheritdoc/>
    public ILoss BCEWithLogitsLoss() => Inner.BCEWithLogitsLoss();

    /// <inheritdoc/>
    public ILoss CrossEntropyLoss() => Inner.CrossEntropyLoss();

    /// <inheritdoc/>
    public IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false) => Inner.SGD(parameters, lr, momentum, dampening, weightDecay, nesterov);

    /// <inheritdoc/>
    public IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0) => Inner.Adam(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2) => Inner.AdamW(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <inheritdoc/>
    public IModule DropConnect(int inFeatures, int outFeatures, double p, TorchGenerator generator, bool bias = true) =>
        Inner.DropConnect(inFeatures, outFeatures, p, generator, bias);

    /// <inheritdoc/>
    public IModule StochasticDepth(double p, string mode, TorchGenerator generator) => Inner.StochasticDepth(p, mode, generator);

    /// <inheritdoc/>
    public IModule Residual(IModule block) => Inner.Residual(block);

    /// <summary>Bug: counts the batch in <c>num_batches_tracked</c> before the input is checked.</summary>
    private sealed class CountingFirst(Verification.Reference.BatchNorm1d inner) : IModule
    {
        public bool IsTraining => inner.IsTraining;

        public void SetTraining(bool training) => inner.SetTraining(training);

        public Tensor Forward(Tensor input)
        {
            if (inner.IsTraining) inner.NumBatchesTracked.Data[0] += 1f;
            return inner.Forward(input);
        }

        public Tensor Backward(Tensor gradOutput) => inner.Backward(gradOutput);

        public IEnumerable<NamedParameter> NamedParameters() => inner.NamedParameters();

        public IEnumerable<NamedBuffer> NamedBuffers() => inner.NamedBuffers();
    }

    /// <summary>Bug: a shape mismatch is an ArgumentException that does not say which argument is wrong.</summary>
    private sealed class NamelessMse : ILoss
    {
        private readonly ILoss _inner = Inner.MSELoss();

        public float Forward(Tensor prediction, Tensor target)
        {
            if (prediction is not null && target is not null && !prediction.SameShape(target))
            {
                throw new ArgumentException($"shapes {prediction.ShapeText} and {target.ShapeText} differ.");
            }
            return _inner.Forward(prediction!, target!);
        }

        public Tensor Backward() => _inner.Backward();
    }
}
