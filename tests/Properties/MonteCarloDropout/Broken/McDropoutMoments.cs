using Verification.Core;
using Verification.Core.Training;

namespace Verification.Properties.MonteCarloDropout.Broken;

/// <summary>The broken predictors' shared (correct) part: T passes in whatever modes the model is in, mean and Σ(y − mean)²/divideBy.</summary>
internal static class McDropoutMoments
{
    public static McDropoutPrediction Of(IModule model, Tensor input, int passes, int divideBy)
    {
        var outputs = new List<float[]>();
        int[] shape = [];
        for (int t = 0; t < passes; t++)
        {
            Tensor y = model.Forward(input);
            shape = y.Shape;
            outputs.Add((float[])y.Data.Clone());
        }
        var mean = new Tensor(shape);
        var std = new Tensor(shape);
        for (int i = 0; i < mean.Length; i++)
        {
            double m = outputs.Sum(o => (double)o[i]) / passes;
            mean[i] = (float)m;
            std[i] = (float)Math.Sqrt(outputs.Sum(o => (o[i] - m) * (o[i] - m)) / divideBy);
        }
        return new McDropoutPrediction(mean, std, passes);
    }
}
