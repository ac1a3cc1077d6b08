using Verification.Core.Random;

namespace Verification.Core;

/// <summary>
/// One implementation of the network stack (Reference or Optimized). Everything that builds a model takes an
/// <see cref="IStack"/>, so swapping implementations is one argument. Defaults are PyTorch's.
/// Layers that draw random numbers (initialisation, dropout masks) take the generator PyTorch would use.
/// </summary>
public interface IStack
{
    /// <summary>"reference" or "optimized".</summary>
    string Name { get; }

    /// <summary><c>nn.Linear(in, out)</c>: draws its weight, then its bias, from <paramref name="generator"/>.</summary>
    IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator, bool bias = true);

    /// <summary><c>nn.ReLU()</c>.</summary>
    IModule ReLU();

    /// <summary><c>nn.Sigmoid()</c>.</summary>
    IModule Sigmoid();

    /// <summary><c>nn.Tanh()</c>.</summary>
    IModule Tanh();

    /// <summary><c>nn.Dropout(p)</c>: p is the probability of dropping; masks come from <paramref name="generator"/>.</summary>
    IModule Dropout(double p, TorchGenerator generator);

    /// <summary><c>nn.Dropout2d(p)</c>: drops whole channels of (N, C, H, W) or (N, C, L) inputs.</summary>
    IModule Dropout2d(double p, TorchGenerator generator);

    /// <summary><c>nn.Dropout1d(p)</c>: drops whole channels of (N, C, L) or unbatched (C, L) inputs.</summary>
    IModule Dropout1d(double p, TorchGenerator generator);

    /// <summary><c>nn.Dropout3d(p)</c>: drops whole channels of (N, C, D, H, W) or unbatched (C, D, H, W) inputs.</summary>
    IModule Dropout3d(double p, TorchGenerator generator);

    /// <summary><c>nn.AlphaDropout(p)</c>: drops to SELU's α′ element-wise, then restores mean 0 and variance 1.</summary>
    IModule AlphaDropout(double p, TorchGenerator generator);

    /// <summary><c>nn.FeatureAlphaDropout(p)</c>: alpha dropout of whole channels of (N, C, *) inputs.</summary>
    IModule FeatureAlphaDropout(double p, TorchGenerator generator);

    /// <summary><c>nn.BatchNorm1d(features, eps=1e-5, momentum=0.1)</c>.</summary>
    IModule BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1);

    /// <summary>
    /// <c>nn.Conv2d(in, out, k, stride, padding, dilation, groups, bias)</c> (square kernel, zero padding): draws its weight,
    /// then its bias, from <paramref name="generator"/>.
    /// </summary>
    IModule Conv2d(int inChannels, int outChannels, int kernelSize, TorchGenerator generator, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true);

    /// <summary><c>nn.MaxPool2d(k, stride=k, padding=0)</c>.</summary>
    IModule MaxPool2d(int kernelSize, int? stride = null, int padding = 0);

    /// <summary><c>nn.AvgPool2d(k, stride=k, padding=0)</c> (count_include_pad=True).</summary>
    IModule AvgPool2d(int kernelSize, int? stride = null, int padding = 0);

    /// <summary><c>nn.Flatten()</c>: (N, …) → (N, product of the rest).</summary>
    IModule Flatten();

    /// <summary><c>nn.BatchNorm2d(features, eps=1e-5, momentum=0.1)</c>: per-channel statistics over N·H·W.</summary>
    IModule BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1);

    /// <summary><c>nn.Sequential(*layers)</c>; parameters are named <c>0.weight</c>, <c>0.bias</c>, …</summary>
    IModule Sequential(params IModule[] layers);

    /// <summary><c>nn.MSELoss()</c> (mean).</summary>
    ILoss MSELoss();

    /// <summary><c>nn.BCEWithLogitsLoss()</c> (mean).</summary>
    ILoss BCEWithLogitsLoss();

    /// <summary><c>nn.CrossEntropyLoss()</c> (mean); targets are class indices stored as floats.</summary>
    ILoss CrossEntropyLoss();

    /// <summary><c>optim.SGD</c>.</summary>
    IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false);

    /// <summary><c>optim.Adam</c>: weight decay is added to the gradient (coupled, L2-style).</summary>
    IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0);

    /// <summary><c>optim.AdamW</c>: weight decay applied to the weights directly (decoupled).</summary>
    IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2);

    /// <summary>
    /// DropConnect (Wan et al., 2013): <c>nn.Linear(in, out)</c>'s initialisation from <paramref name="generator"/>, then at
    /// each training step <c>F.linear(x, F.dropout(W, p), b)</c>, the weight mask drawn from the same generator.
    /// </summary>
    IModule DropConnect(int inFeatures, int outFeatures, double p, TorchGenerator generator, bool bias = true);

    /// <summary>
    /// <c>torchvision.ops.StochasticDepth(p, mode)</c>: drops its input per sample (<c>"row"</c>) or per batch (<c>"batch"</c>)
    /// and scales survivors by 1/(1 − p); draws come from <paramref name="generator"/>.
    /// </summary>
    IModule StochasticDepth(double p, string mode, TorchGenerator generator);

    /// <summary>A residual connection <c>y = x + block(x)</c>; the block's parameters are named <c>block.…</c>.</summary>
    IModule Residual(IModule block);
}
