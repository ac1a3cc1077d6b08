using System.Text.Json;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Golden;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>
/// End to end: the first seed document's experiment (experiments.json, 250 full-batch Adam epochs) on a stack follows
/// PyTorch's per-epoch training loss. The data come from the generator's 16-block normal path, which matches PyTorch
/// to about 1e-6 (not bit for bit), and 250 Adam steps carry that difference along, hence
/// <see cref="OptimizedTolerances.ExperimentLoss"/>; the dropout case also needs every mask to be PyTorch's.
/// </summary>
public class ExperimentParityTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var stack in Stacks.Names())
        {
            for (int i = 0; i < GoldenFile.Cases("experiments.json").Count; i++) data.Add(stack, i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_first_experiment_follows_PyTorchs_loss_curve(string stackName, int index)
    {
        IStack s = Stacks.ByName(stackName);
        JsonElement c = GoldenFile.Cases("experiments.json")[index];
        double dropout = c.Param("dropout");
        int epochs = (int)c.Param("epochs");
        var g = new TorchGenerator(c.Seed());
        Tensor xTrain = g.Randn(60, 20), xVal = g.Randn(400, 20);
        Tensor yTrain = Labels(xTrain);
        IModule model = s.Sequential(s.Linear(20, 256, g), s.ReLU(), s.Linear(256, 256, g), s.ReLU(), s.Linear(256, 1, g));
        if (dropout > 0)
        {
            // The document trains the plain model first (no draws while training), then builds this one.
            model = s.Sequential(s.Linear(20, 256, g), s.ReLU(), s.Dropout(dropout, g),
                s.Linear(256, 256, g), s.ReLU(), s.Dropout(dropout, g), s.Linear(256, 1, g));
        }
        var optimizer = s.Adam(model.Parameters(), c.Param("lr"));
        var loss = s.BCEWithLogitsLoss();
        float[] expected = c.Floats("loss");
        var tol = OptimizedTolerances.ExperimentLoss;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.SetTraining(true);
            float value = loss.Forward(model.Forward(xTrain), yTrain);
            double error = Math.Abs(value - expected[epoch]);
            Assert.True(error <= tol.Atol + tol.Rtol * Math.Abs(expected[epoch]),
                $"seed {c.Seed()} dropout {dropout}: epoch {epoch} loss {value:R}, PyTorch {expected[epoch]:R} (error {error:G3})");
            optimizer.ZeroGrad();
            model.Backward(loss.Backward());
            optimizer.Step();
        }
        _ = xVal;
    }

    private static Tensor Labels(Tensor x)
    {
        var y = new Tensor(x.Size(0), 1);
        for (int i = 0; i < x.Size(0); i++) y[i] = x[i, 0] + 0.5f * x[i, 1] > 0 ? 1f : 0f;
        return y;
    }
}
