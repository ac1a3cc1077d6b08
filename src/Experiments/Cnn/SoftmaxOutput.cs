using Verification.Core;

namespace Verification.Experiments.Cnn;

/// <summary>
/// A classifier followed by <c>softmax(dim=1)</c>, for inference: logits <c>(N, C)</c> become probabilities
/// <c>pₖ = exp(zₖ − max z) / Σⱼ exp(zⱼ − max z)</c>, so that MC dropout's spread is measured on probabilities. The wrapped
/// model is its only child, so mode switches (and <see cref="Core.Training.McDropout"/>'s walk) reach its layers.
/// </summary>
public sealed class SoftmaxOutput(IModule classifier) : IModule
{
    private readonly IModule _classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = classifier.IsTraining;

    /// <inheritdoc/>
    public void SetTraining(bool training)
    {
        IsTraining = training;
        _classifier.SetTraining(training);
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        Tensor logits = _classifier.Forward(input);
        Shapes.RequireRank(logits, 2, nameof(input), "softmax over the classes of the classifier's output");
        int rows = logits.Size(0), classes = logits.Size(1);
        var probabilities = new Tensor(rows, classes);
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity, sum = 0;
            for (int k = 0; k < classes; k++) max = Math.Max(max, logits.Data[r * classes + k]);
            for (int k = 0; k < classes; k++) sum += Math.Exp(logits.Data[r * classes + k] - max);
            for (int k = 0; k < classes; k++)
            {
                probabilities.Data[r * classes + k] = (float)(Math.Exp(logits.Data[r * classes + k] - max) / sum);
            }
        }
        return probabilities;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput) =>
        throw new NotSupportedException("SoftmaxOutput is for inference (MC dropout); train the classifier on cross-entropy instead.");

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => _classifier.NamedParameters();

    /// <inheritdoc/>
    public IEnumerable<IModule> Children() => [_classifier];
}
