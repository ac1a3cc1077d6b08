using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises;

/// <summary>
/// Questions answered by running the project's own layers. Each receives the <see cref="IStack"/> to build with and
/// the <see cref="TorchGenerator"/> to draw from, so an answer is reproducible and can be compared draw for draw.
/// </summary>
public partial interface IAnswers
{
    /// <summary>
    /// 003.5 — Pass <paramref name="activations"/> (as a 1×n tensor) through the stack's Dropout(p) in training mode
    /// <paramref name="passes"/> times and return the element-wise mean of the outputs.
    /// </summary>
    float[] MeanOverMasks(IStack stack, float[] activations, double p, int passes, TorchGenerator generator);

    /// <summary>
    /// 003.8 — Dropout(p) feeding BatchNorm1d(16). In training mode feed 200 batches of 64×16 standard normals
    /// (<c>generator.Randn(64, 16)</c>); then in eval mode feed one batch of 4096×16 standard normals and return the
    /// variance (over all elements, biased) of the BatchNorm's output.
    /// </summary>
    double BatchNormAfterDropoutEvalVariance(IStack stack, TorchGenerator generator, double p);

    /// <summary>
    /// 001.3 — The document's counting experiment: build <c>Sequential(Linear(100, 50), ReLU, Dropout(0.3))</c>, draw
    /// <c>x = randn(1, 100)</c>, run one pass in training mode and one in eval mode, and count the exact zeros in each output.
    /// </summary>
    (int TrainingZeros, int EvalZeros) CountZeroOutputs(IStack stack, TorchGenerator generator);

    /// <summary>
    /// 001.4 — Find the bug "forgotten eval mode": return the model's predictions for <paramref name="inputs"/>,
    /// deterministically.
    /// </summary>
    Tensor Predict(IModule model, Tensor inputs);

    /// <summary>
    /// 001.5 — Find the bug "dropout on the output layer": build the document's MLP
    /// (Linear → ReLU → Dropout → Linear → ReLU → Dropout → Linear) with the given sizes and rate.
    /// </summary>
    IModule BuildClassifier(IStack stack, TorchGenerator generator, int inputs, int hidden, int outputs, double p);

    /// <summary>
    /// 001.6 — Find the bug "too high a rate": how many of <paramref name="units"/> units are active per step on average
    /// at drop probability p?
    /// </summary>
    double ExpectedActiveUnits(int units, double p);

    /// <summary>
    /// 002.3 — Bagging trains <paramref name="models"/> separate MLPs (inputs → hidden → outputs, with biases); dropout
    /// trains one whose sub-networks share weights. Return both parameter counts.
    /// </summary>
    (long Bagging, long Dropout) ParameterCounts(int models, int inputs, int hidden, int outputs);

    /// <summary>
    /// 002.4 — One weight w = 1 trained for 100 steps with a constant gradient <paramref name="gradient"/>, lr 0.01.
    /// For Adam and for AdamW, return how much weight decay 0.1 changes the final weight (final with decay − final without).
    /// </summary>
    (double Adam, double AdamW) DecayEffect(IStack stack, float gradient);

    /// <summary>
    /// 002.5 — A residual block with dropout after BatchNorm feeding the next block's BatchNorm:
    /// <c>h = x + Dropout(p)(ReLU(BN₁(Linear₁(x))))</c>, <c>y = BN₂(Linear₂(h))</c>, 16 features. Train on 200 batches of
    /// 64×16 standard normals, then return the variance of y in eval mode on 4096×16 standard normals (≈ 1 if nothing shifted).
    /// </summary>
    double ResidualBlockEvalVariance(IStack stack, TorchGenerator generator, double p);
}
