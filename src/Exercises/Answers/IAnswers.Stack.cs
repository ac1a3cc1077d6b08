using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises;

/// <summary>
/// The learner's stack: real <see cref="IModule"/> and <see cref="IOptimizer"/> types that plug into any model. Each
/// factory builds one of the learner's classes (src/Exercises/Workbook/Layers/, in course order); the grader holds them to
/// the laws both stacks obey, a finite-difference gradient check, PyTorch's golden cases and the Reference stack.
/// </summary>
public partial interface IAnswers
{
    /// <summary>000.L1 and 003.L1 — <c>nn.Dropout(p)</c>: p is the probability of dropping; masks from <paramref name="generator"/>.</summary>
    IModule Dropout(double p, TorchGenerator generator);

    /// <summary>000.L2 — <c>nn.ReLU()</c>, forward and backward.</summary>
    IModule ReLU();

    /// <summary>000.L3 — <c>nn.Linear(in, out)</c> with a bias, initialised from <paramref name="generator"/>.</summary>
    IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator);

    /// <summary>000.L4 — <c>torch.optim.Adam</c> with coupled weight decay.</summary>
    IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay);

    /// <summary>002.L1 — the explicit L2 penalty λ·Σ w² of <paramref name="model"/>'s weights.</summary>
    float L2Penalty(IModule model, double lambda);

    /// <summary>002.L1 — adds the L2 penalty's gradient into <paramref name="model"/>'s parameter gradients.</summary>
    void AddL2PenaltyGradient(IModule model, double lambda);

    /// <summary>002.L2 — <c>torch.optim.SGD(lr, weight_decay)</c> without momentum.</summary>
    IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double weightDecay);

    /// <summary>002.L3 — <c>torch.optim.AdamW</c> with decoupled weight decay.</summary>
    IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay);

    /// <summary>002.L4 — <c>nn.Dropout2d(p)</c> on (N, C, H, W) or (N, C, L).</summary>
    IModule Dropout2d(double p, TorchGenerator generator);

    /// <summary>002.L5 — <c>nn.BatchNorm1d(features, eps, momentum)</c> on (N, C).</summary>
    IModule BatchNorm1d(int numFeatures, double eps, double momentum);
}
