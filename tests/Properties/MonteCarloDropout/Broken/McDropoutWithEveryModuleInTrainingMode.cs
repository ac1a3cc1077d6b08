using Verification.Core;
using Verification.Core.Training;

namespace Verification.Properties.MonteCarloDropout.Broken;

/// <summary>
/// BUG: calls <c>model.train()</c> for the MC passes, as the usual one-line recipe does, so BatchNorm normalises with the
/// statistics of the test batch and updates its running statistics on every pass. (Modes are restored afterwards.)
/// </summary>
public static class McDropoutWithEveryModuleInTrainingMode
{
    /// <summary>The broken predictor.</summary>
    public static McDropoutPrediction Predict(IModule model, Tensor input, int passes)
    {
        bool[] modes = model.Modules().Select(m => m.IsTraining).ToArray();
        model.Train();
        McDropoutPrediction prediction = McDropoutMoments.Of(model, input, passes, divideBy: passes);
        Restore(model, modes);
        return prediction;
    }

    internal static void Restore(IModule model, bool[] modes)
    {
        int i = 0;
        foreach (IModule module in model.Modules().ToArray()) module.SetTraining(modes[i++]);
    }
}
