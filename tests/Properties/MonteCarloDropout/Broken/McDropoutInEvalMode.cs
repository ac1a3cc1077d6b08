using Verification.Core;
using Verification.Core.Training;

namespace Verification.Properties.MonteCarloDropout.Broken;

/// <summary>
/// BUG: runs the T passes after <c>model.eval()</c> without turning the dropout layers back on, so every pass is the
/// same deterministic network: the "uncertainty" is 0 everywhere and the mean is just the eval-mode prediction.
/// </summary>
public static class McDropoutInEvalMode
{
    /// <summary>The broken predictor.</summary>
    public static McDropoutPrediction Predict(IModule model, Tensor input, int passes)
    {
        bool[] modes = model.Modules().Select(m => m.IsTraining).ToArray();
        model.Eval();
        McDropoutPrediction prediction = McDropoutMoments.Of(model, input, passes, divideBy: passes);
        McDropoutWithEveryModuleInTrainingMode.Restore(model, modes);
        return prediction;
    }
}
