using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>The mean of many inverted-dropout passes approaches the input: the expectation is preserved.</summary>
    public virtual float[] MeanOverMasks(IStack stack, float[] activations, double p, int passes, TorchGenerator generator)
    {
        var dropout = stack.Dropout(p, generator);
        dropout.SetTraining(true);
        var input = Tensor.FromValues(activations, 1, activations.Length);
        var sum = new double[activations.Length];
        for (int pass = 0; pass < passes; pass++)
        {
            var output = dropout.Forward(input);
            for (int i = 0; i < sum.Length; i++) sum[i] += output[i];
        }
        return sum.Select(s => (float)(s / passes)).ToArray();
    }

    /// <summary>
    /// Training: BatchNorm's running variance learns Var[dropout(x)] = 1/(1−p). Eval: dropout is the identity, the
    /// input variance is 1, so the normalised output has variance ≈ 1 − p instead of 1 — the shift.
    /// </summary>
    public virtual double BatchNormAfterDropoutEvalVariance(IStack stack, TorchGenerator generator, double p)
    {
        var model = stack.Sequential(stack.Dropout(p, generator), stack.BatchNorm1d(16));
        return EvalVarianceAfterTraining(model, generator);
    }

    /// <summary>Training zeros come from ReLU and from dropout; eval zeros from ReLU alone — not zero, whatever the printout says.</summary>
    public virtual (int TrainingZeros, int EvalZeros) CountZeroOutputs(IStack stack, TorchGenerator generator)
    {
        var layer = stack.Sequential(stack.Linear(100, 50, generator), stack.ReLU(), stack.Dropout(0.3, generator));
        var x = generator.Randn(1, 100);
        layer.SetTraining(true);
        int training = layer.Forward(x).Data.Count(v => v == 0);
        layer.SetTraining(false);
        int eval = layer.Forward(x).Data.Count(v => v == 0);
        return (training, eval);
    }

    /// <summary>model.eval() before predicting: dropout off, no random draws, the same answer every time.</summary>
    public virtual Tensor Predict(IModule model, Tensor inputs)
    {
        model.SetTraining(false);
        return model.Forward(inputs).Clone();
    }

    /// <summary>Dropout after each hidden activation, never after the last Linear.</summary>
    public virtual IModule BuildClassifier(IStack stack, TorchGenerator generator, int inputs, int hidden, int outputs, double p) =>
        stack.Sequential(
            stack.Linear(inputs, hidden, generator), stack.ReLU(), stack.Dropout(p, generator),
            stack.Linear(hidden, hidden, generator), stack.ReLU(), stack.Dropout(p, generator),
            stack.Linear(hidden, outputs, generator));

    /// <summary>n·(1−p): at p = 0.9 a 20-unit layer keeps 2 units per step — too few to learn anything.</summary>
    public virtual double ExpectedActiveUnits(int units, double p) => units * (1 - p);

    /// <summary>Bagging: k·P parameters; dropout's 2ⁿ sub-networks share the single network's P.</summary>
    public virtual (long Bagging, long Dropout) ParameterCounts(int models, int inputs, int hidden, int outputs)
    {
        long single = (long)inputs * hidden + hidden + (long)hidden * outputs + outputs;
        return (models * single, single);
    }

    /// <summary>
    /// Adam adds wd·w to the gradient, and its per-parameter normalisation then divides most of it away when the
    /// gradient is large; AdamW shrinks the weight by lr·wd·w each step whatever the gradient.
    /// </summary>
    public virtual (double Adam, double AdamW) DecayEffect(IStack stack, float gradient)
    {
        double Final(Func<IReadOnlyList<Parameter>, IOptimizer> make)
        {
            var w = new Parameter(Tensor.Vector(1f));
            var optimizer = make([w]);
            for (int step = 0; step < 100; step++)
            {
                optimizer.ZeroGrad();
                w.Grad[0] = gradient;
                optimizer.Step();
            }
            return w.Value[0];
        }
        double adam = Final(ps => stack.Adam(ps, lr: 0.01, weightDecay: 0.1)) - Final(ps => stack.Adam(ps, lr: 0.01));
        double adamW = Final(ps => stack.AdamW(ps, lr: 0.01, weightDecay: 0.1)) - Final(ps => stack.AdamW(ps, lr: 0.01, weightDecay: 0));
        return (adam, adamW);
    }

    /// <summary>The second BatchNorm learned statistics of a noisier h than it sees at eval time, so its eval output is mis-scaled.</summary>
    public virtual double ResidualBlockEvalVariance(IStack stack, TorchGenerator generator, double p)
    {
        var branch = stack.Sequential(stack.Linear(16, 16, generator), stack.BatchNorm1d(16), stack.ReLU(), stack.Dropout(p, generator));
        var head = stack.Sequential(stack.Linear(16, 16, generator), stack.BatchNorm1d(16));
        var model = new ResidualThenHead(branch, head);
        return EvalVarianceAfterTraining(model, generator);
    }

    private static double EvalVarianceAfterTraining(IModule model, TorchGenerator generator)
    {
        model.SetTraining(true);
        for (int batch = 0; batch < 200; batch++) model.Forward(generator.Randn(64, 16));
        model.SetTraining(false);
        var output = model.Forward(generator.Randn(4096, 16)).Data;
        double mean = output.Average(v => (double)v);
        return output.Average(v => (v - mean) * (v - mean));
    }

    /// <summary>y = head(x + branch(x)), forward only (the exercise measures statistics, not gradients).</summary>
    private sealed class ResidualThenHead(IModule branch, IModule head) : IModule
    {
        public bool IsTraining => head.IsTraining;

        public void SetTraining(bool training)
        {
            branch.SetTraining(training);
            head.SetTraining(training);
        }

        public Tensor Forward(Tensor input)
        {
            var h = branch.Forward(input).Clone();
            for (int i = 0; i < h.Length; i++) h[i] += input[i];
            return head.Forward(h);
        }

        public Tensor Backward(Tensor gradOutput) => throw new NotSupportedException("this exercise runs forward passes only.");

        public IEnumerable<NamedParameter> NamedParameters() => branch.NamedParameters().Concat(head.NamedParameters());
    }
}
