using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises;

/// <summary>Questions from 000_467f5e23d3be4dee.txt (overfitting on 60 samples, dropout, forgetting eval mode).</summary>
public partial interface IAnswers
{
    /// <summary>
    /// 000.1 and 000.2 — The document's over-sized network for 20 features: Linear(20, 256), ReLU, Linear(256, 256),
    /// ReLU, Linear(256, 1), built with <paramref name="stack"/> and initialised from <paramref name="generator"/>.
    /// When <paramref name="dropoutP"/> is positive, a Dropout(<paramref name="dropoutP"/>) follows each hidden ReLU;
    /// when it is 0 there are no dropout layers at all.
    /// </summary>
    IModule BuildOverfittingModel(IStack stack, TorchGenerator generator, double dropoutP);

    /// <summary>
    /// 000.3 — The document's evaluation: the fraction of rows of <paramref name="inputs"/> whose predicted class
    /// (logit above 0) equals the 0/1 label in <paramref name="labels"/> (shape (N, 1)), measured the way the document
    /// measures it so that the number is the same every time it is asked.
    /// </summary>
    double Accuracy(IModule model, Tensor inputs, Tensor labels);

    /// <summary>
    /// 000.4 — The forgotten-eval bug, measured: with the model left in training mode (dropout active), compute the
    /// accuracy of <paramref name="inputs"/> <paramref name="repeats"/> times in a row and return every value.
    /// </summary>
    double[] AccuraciesWithDropoutLeftOn(IModule model, Tensor inputs, Tensor labels, int repeats);
}
