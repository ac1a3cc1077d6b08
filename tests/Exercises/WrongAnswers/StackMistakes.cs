using Verification.Core;
using Verification.Core.Random;
using Verification.Exercises.Key;
using Verification.Exercises.Key.Modules;

namespace Verification.Exercises.Tests.WrongAnswers;

// Known-wrong implementations of the learner's stack; each is the key with exactly one bug, named by its class.

/// <summary>The key with its dropout replaced by one carrying <paramref name="bug"/>.</summary>
public sealed class DropoutWith(DropoutBug bug) : AnswerKey
{
    public override IModule Dropout(double p, TorchGenerator generator) => new WrongDropout(p, generator, bug);

    public override string ToString() => $"Dropout with {bug}";
}

/// <summary>Dropout2d drawing one mask value per element, as plain Dropout does, instead of one per channel.</summary>
public sealed class Dropout2dWithPerElementMask : AnswerKey
{
    public override IModule Dropout2d(double p, TorchGenerator generator) => new Key.Modules.Dropout(p, generator);
}

/// <summary>BatchNorm1d whose running variance takes the biased batch variance Σ(x − μ)²/N.</summary>
public sealed class BatchNormWithBiasedRunningVariance : AnswerKey
{
    public override IModule BatchNorm1d(int numFeatures, double eps, double momentum) => new Biased(numFeatures, eps, momentum);

    private sealed class Biased(int numFeatures, double eps, double momentum) : Key.Modules.BatchNorm1d(numFeatures, eps, momentum)
    {
        protected override double RunningVariance(double squares, int count) => squares / count;
    }
}

/// <summary>The L2 penalty summed over every parameter, biases included.</summary>
public sealed class L2PenaltyOnBiasesToo : AnswerKey
{
    public override float L2Penalty(IModule model, double lambda) =>
        (float)(lambda * model.Parameters().Sum(p => p.Value.Data.Sum(w => (double)w * w)));

    public override void AddL2PenaltyGradient(IModule model, double lambda)
    {
        foreach (Parameter p in model.Parameters())
        {
            for (int i = 0; i < p.Value.Length; i++) p.Grad[i] += (float)(2 * lambda * p.Value[i]);
        }
    }
}

/// <summary>AdamW built as Adam with weight_decay: the decay coupled into the gradient, then normalised away.</summary>
public sealed class AdamWWithCoupledDecay : AnswerKey
{
    public override IOptimizer AdamW(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps,
        double weightDecay) => new Key.Modules.Adam(parameters, lr, beta1, beta2, eps, weightDecay);
}

/// <summary>Adam without the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ: its first step is lr·(1 − β₁)/√(1 − β₂) ≈ 3.16·lr.</summary>
public sealed class AdamWithoutBiasCorrection : AnswerKey
{
    public override IOptimizer Adam(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps,
        double weightDecay) => new Uncorrected(parameters, lr, beta1, beta2, eps, weightDecay);

    private sealed class Uncorrected(IReadOnlyList<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
        : Key.Modules.Adam(parameters, lr, beta1, beta2, eps, weightDecay)
    {
        protected override (double First, double Second) BiasCorrections(int step) => (1, 1);
    }
}

/// <summary>SGD that ignores weight_decay: w ← w − lr·g.</summary>
public sealed class SgdWithoutWeightDecay : AnswerKey
{
    public override IOptimizer SGD(IReadOnlyList<Parameter> parameters, double lr, double weightDecay) => base.SGD(parameters, lr, 0);
}

/// <summary>ReLU whose backward passes the gradient where y ≥ 0, so also at the kink x = 0.</summary>
public sealed class ReluPassingGradientAtZero : AnswerKey
{
    public override IModule ReLU() => new AtZero();

    private sealed class AtZero : IModule
    {
        private readonly Key.Modules.ReLU _relu = new();
        private Tensor _input = new(0);

        public bool IsTraining => _relu.IsTraining;

        public void SetTraining(bool training) => _relu.SetTraining(training);

        public Tensor Forward(Tensor input)
        {
            _input = input.Clone();
            return _relu.Forward(input);
        }

        public Tensor Backward(Tensor gradOutput)
        {
            var gradInput = new Tensor(gradOutput.Shape);
            for (int i = 0; i < gradInput.Length; i++) gradInput[i] = _input[i] >= 0 ? gradOutput[i] : 0f;
            return gradInput;
        }

        public IEnumerable<NamedParameter> NamedParameters() => [];
    }
}

/// <summary>Linear whose backward assigns the parameter gradients (∂W = gᵀx) instead of adding into them.</summary>
public sealed class LinearOverwritingGradients : AnswerKey
{
    public override IModule Linear(int inFeatures, int outFeatures, TorchGenerator generator) =>
        new Overwriting(new Key.Modules.Linear(inFeatures, outFeatures, generator));

    private sealed class Overwriting(Key.Modules.Linear linear) : IModule
    {
        public bool IsTraining => linear.IsTraining;

        public void SetTraining(bool training) => linear.SetTraining(training);

        public Tensor Forward(Tensor input) => linear.Forward(input);

        public Tensor Backward(Tensor gradOutput)
        {
            linear.Weight.ZeroGrad();
            linear.Bias.ZeroGrad();
            return linear.Backward(gradOutput);
        }

        public IEnumerable<NamedParameter> NamedParameters() => linear.NamedParameters();
    }
}
