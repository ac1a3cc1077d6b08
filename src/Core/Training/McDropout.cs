namespace Verification.Core.Training;

/// <summary>
/// The predictive mean and standard deviation of <see cref="McDropout.Predict"/>, each shaped like one output of the
/// model, and the number of stochastic passes they summarise.
/// </summary>
public sealed record McDropoutPrediction(Tensor Mean, Tensor StandardDeviation, int Passes);

/// <summary>
/// Monte Carlo dropout (Gal and Ghahramani, 2016, "Dropout as a Bayesian Approximation"): keep dropout on at test time,
/// run T stochastic passes of the same input, and read the spread of the outputs as the model's uncertainty:
/// <c>mean = (1/T)·Σₜ yₜ</c>, <c>std = √((1/T)·Σₜ (yₜ − mean)²)</c>.
/// <para>
/// Only the stochastic modules (<see cref="IStochasticModule"/>, the dropout family) are put in training mode; every
/// other module is in eval mode, so BatchNorm normalises with its running statistics and does not update them. Each
/// module's mode is restored afterwards. The standard deviation is that of the T passes themselves (divided by T, not
/// T − 1): the predictive distribution is the mixture of the T sampled networks, and the paper's moment estimator
/// <c>(1/T)Σ yₜ² − mean²</c> (without its model-precision term τ⁻¹) is this quantity. Moments are accumulated in double
/// by Welford's update, so T identical passes (p = 0) give a standard deviation of exactly 0.
/// </para>
/// </summary>
public static class McDropout
{
    /// <summary>
    /// Runs <paramref name="passes"/> forward passes of <paramref name="input"/> with only the dropout layers in training
    /// mode; the masks come from each layer's own generator, one draw sequence per pass, in layer order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 1.</exception>
    public static McDropoutPrediction Predict(IModule model, Tensor input, int passes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (passes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(passes), passes, $"MC dropout needs at least 1 pass, but got {passes}.");
        }

        // model.modules() is depth first, parents before children: restoring in that order lets each child's own
        // mode override the one its parent's SetTraining pushed down.
        (IModule Module, bool WasTraining)[] modes = model.Modules().Select(m => (m, m.IsTraining)).ToArray();
        try
        {
            model.SetTraining(false);
            foreach ((IModule module, _) in modes)
            {
                if (module is IStochasticModule) module.SetTraining(true);
            }
            return Accumulate(model, input, passes);
        }
        finally
        {
            foreach ((IModule module, bool wasTraining) in modes)
            {
                module.SetTraining(wasTraining);
            }
        }
    }

    private static McDropoutPrediction Accumulate(IModule model, Tensor input, int passes)
    {
        double[]? mean = null, squares = null;
        int[]? shape = null;
        for (int t = 1; t <= passes; t++)
        {
            Tensor y = model.Forward(input);
            if (mean is null)
            {
                shape = y.Shape;
                mean = new double[y.Length];
                squares = new double[y.Length];
            }
            else if (!y.HasShape(shape!))
            {
                throw new InvalidOperationException(
                    $"pass {t} returned shape {y.ShapeText}, but the first pass returned {Shapes.Format(shape!)}.");
            }
            // Welford: mean_t = mean_{t−1} + (y − mean_{t−1})/t;  M_t = M_{t−1} + (y − mean_{t−1})(y − mean_t).
            for (int i = 0; i < mean.Length; i++)
            {
                double delta = y.Data[i] - mean[i];
                mean[i] += delta / t;
                squares![i] += delta * (y.Data[i] - mean[i]);
            }
        }
        var meanTensor = new Tensor(shape!);
        var stdTensor = new Tensor(shape!);
        for (int i = 0; i < mean!.Length; i++)
        {
            meanTensor.Data[i] = (float)mean[i];
            stdTensor.Data[i] = (float)Math.Sqrt(squares![i] / passes);
        }
        return new McDropoutPrediction(meanTensor, stdTensor, passes);
    }
}
