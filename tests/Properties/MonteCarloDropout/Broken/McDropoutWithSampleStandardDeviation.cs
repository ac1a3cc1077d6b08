using Verification.Core;
using Verification.Core.Training;

namespace Verification.Properties.MonteCarloDropout.Broken;

/// <summary>
/// BUG (of definition): divides the squared deviations by T − 1 (<c>torch.std</c>'s default, Bessel's correction) instead
/// of T, so the reported spread is √(T/(T − 1)) times the spread of the T sampled networks (12% more at T = 5), and is
/// undefined for T = 1. Modes are handled correctly.
/// </summary>
public static class McDropoutWithSampleStandardDeviation
{
    /// <summary>The broken predictor.</summary>
    public static McDropoutPrediction Predict(IModule model, Tensor input, int passes)
    {
        bool[] modes = model.Modules().Select(m => m.IsTraining).ToArray();
        model.Eval();
        foreach (IModule module in model.Modules()) if (module is IStochasticModule) module.SetTraining(true);
        McDropoutPrediction prediction = McDropoutMoments.Of(model, input, passes, divideBy: passes - 1);
        McDropoutWithEveryModuleInTrainingMode.Restore(model, modes);
        return prediction;
    }
}
