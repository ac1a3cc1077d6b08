using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>
    /// Layers in the document's order; PyTorch initialises each Linear as it is constructed (weight, then bias), so
    /// building them in this order draws what <c>nn.Sequential(...)</c> draws. Dropout draws nothing when built.
    /// </summary>
    public virtual IModule BuildOverfittingModel(IStack stack, TorchGenerator generator, double dropoutP)
    {
        var layers = new List<IModule> { stack.Linear(20, 256, generator), stack.ReLU() };
        if (dropoutP > 0) layers.Add(stack.Dropout(dropoutP, generator));
        layers.Add(stack.Linear(256, 256, generator));
        layers.Add(stack.ReLU());
        if (dropoutP > 0) layers.Add(stack.Dropout(dropoutP, generator));
        layers.Add(stack.Linear(256, 1, generator));
        return stack.Sequential([.. layers]);
    }

    /// <summary>
    /// <c>model.eval()</c> first: dropout off, so the answer is deterministic and no random numbers are drawn. A logit
    /// above 0 is a sigmoid above 0.5, the document's <c>(model(X) &gt; 0)</c>.
    /// </summary>
    public virtual double Accuracy(IModule model, Tensor inputs, Tensor labels)
    {
        model.SetTraining(false);
        var logits = model.Forward(inputs);
        int correct = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float predicted = logits.Data[i] > 0 ? 1f : 0f;
            if (predicted == labels.Data[i]) correct++;
        }
        return (double)correct / logits.Length;
    }

    /// <summary>Training mode keeps dropout on: every forward pass draws a new mask, so every accuracy differs.</summary>
    public virtual double[] AccuraciesWithDropoutLeftOn(IModule model, Tensor inputs, Tensor labels, int repeats)
    {
        var accuracies = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            model.SetTraining(true);
            var logits = model.Forward(inputs);
            int correct = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                if ((logits.Data[i] > 0 ? 1f : 0f) == labels.Data[i]) correct++;
            }
            accuracies[r] = (double)correct / logits.Length;
        }
        return accuracies;
    }
}
