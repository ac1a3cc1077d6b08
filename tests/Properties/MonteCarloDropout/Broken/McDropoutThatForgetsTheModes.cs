using Verification.Core;
using Verification.Core.Training;

namespace Verification.Properties.MonteCarloDropout.Broken;

/// <summary>
/// BUG: the passes are right (dropout on, BatchNorm in eval mode), but the model is left that way: a later "eval-mode"
/// prediction is still random, and a later training step runs BatchNorm in eval mode.
/// </summary>
public static class McDropoutThatForgetsTheModes
{
    /// <summary>The broken predictor.</summary>
    public static McDropoutPrediction Predict(IModule model, Tensor input, int passes)
    {
        model.Eval();
        foreach (IModule module in model.Modules()) if (module is IStochasticModule) module.SetTraining(true);
        return McDropoutMoments.Of(model, input, passes, divideBy: passes);
    }
}
