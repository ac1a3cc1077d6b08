using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>The key's dropout (Key/Modules/Dropout.cs).</summary>
    public virtual IModule Dropout(double p, TorchGenerator generator) => new Modules.Dropout(p, generator);

    /// <summary>The key's ReLU.</summary>
    public virtual IModule ReLU() => new Modules.ReLU();

    /// <summary>The key's Linear.</summary>
    public virtual IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator) =>
        new Modules.Linear(inFeatures, outFeatures, generator);

    /// <summary>The key's Adam.</summary>
    public virtual IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps,
        double weightDecay) => new Modules.Adam(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <summary>λ·Σ w² over the weights.</summary>
    public virtual float L2Penalty(IModule model, double lambda) => Modules.L2Penalty.Value(model, lambda);

    /// <summary>Adds 2λ·w into each weight's gradient.</summary>
    public virtual void AddL2PenaltyGradient(IModule model, double lambda) => Modules.L2Penalty.AddGradient(model, lambda);

    /// <summary>The key's SGD with weight decay.</summary>
    public virtual IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double weightDecay) =>
        new Modules.SGD(parameters, lr, weightDecay);

    /// <summary>The key's AdamW.</summary>
    public virtual IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps,
        double weightDecay) => new Modules.AdamW(parameters, lr, beta1, beta2, eps, weightDecay);

    /// <summary>The key's Dropout2d.</summary>
    public virtual IModule Dropout2d(double p, TorchGenerator generator) => new Modules.Dropout2d(p, generator);

    /// <summary>The key's BatchNorm1d.</summary>
    public virtual IModule BatchNorm1d(int numFeatures, double eps, double momentum) => new Modules.BatchNorm1d(numFeatures, eps, momentum);
}
