using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Training;

namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>Ones in, so a kept plane is all 1/(1 − p) and a dropped one all 0: count the planes whose first value is not 0.</summary>
    public virtual int Dropout2dKeptChannels(IStack stack, TorchGenerator generator, int batch, int channels, int height, int width,
        double p)
    {
        var dropout = stack.Dropout2d(p, generator);
        var ones = new Tensor(batch, channels, height, width);
        ones.Data.AsSpan().Fill(1f);
        Tensor y = dropout.Forward(ones);
        int plane = height * width, kept = 0;
        for (int c = 0; c < batch * channels; c++) kept += y[c * plane] != 0 ? 1 : 0;
        return kept;
    }

    /// <summary>a = 1/√((1 − p)(1 + α′²p)), b = a·p·|α′| with |α′| = λα = 1.7580993408473766 (Klambauer et al., 2017).</summary>
    public virtual (double A, double B) AlphaDropoutAffine(double p)
    {
        const double alphaPrime = 1.7580993408473766;
        double a = 1 / Math.Sqrt((1 - p) * (1 + alphaPrime * alphaPrime * p));
        return (a, a * p * alphaPrime);
    }

    /// <summary>Only the dropout layers in training mode, T passes, mean and standard deviation over T; modes restored.</summary>
    public virtual (float[] Mean, float[] StandardDeviation) McDropoutPrediction(IModule model, Tensor input, int passes)
    {
        var modes = model.Modules().Select(m => (Module: m, m.IsTraining)).ToArray();
        model.SetTraining(false);
        foreach (var (module, _) in modes)
        {
            if (module is IStochasticModule) module.SetTraining(true);
        }
        var outputs = Enumerable.Range(0, passes).Select(_ => model.Forward(input).Data.ToArray()).ToArray();
        foreach (var (module, training) in modes) module.SetTraining(training);
        int n = outputs[0].Length;
        var mean = new float[n];
        var std = new float[n];
        for (int i = 0; i < n; i++)
        {
            double m = outputs.Average(o => (double)o[i]);
            mean[i] = (float)m;
            std[i] = (float)Math.Sqrt(outputs.Average(o => (o[i] - m) * (o[i] - m)));
        }
        return (mean, std);
    }

    /// <summary>PyTorch's SGD: d = g + wd·w, then w − lr·d, each in float32.</summary>
    public virtual float WeightAfterSgdStepWithWeightDecay(float weight, float gradient, double lr, double weightDecay)
    {
        float d = gradient + (float)weightDecay * weight;
        return weight + (float)-lr * d;
    }

    /// <summary>E[m/(1 − p)] = 1 for every weight, so the expectation is the dense W·x + b.</summary>
    public virtual double[] DropConnectExpectedOutput(float[] weight, float[] bias, float[] x, double p) =>
        bias.Select((b, o) => b + x.Select((v, k) => (double)weight[o * x.Length + k] * v).Sum()).ToArray();

    /// <summary>Survived: x + f·1f/(float)(1 − p); dropped: x + f·0 = x; expected: x + f.</summary>
    public virtual (float Survived, float Dropped, double Expected) StochasticDepthResidual(float x, float branch, double p) =>
        (x + branch * (1f / (float)(1 - p)), x + branch * 0f, (double)x + branch);
}
