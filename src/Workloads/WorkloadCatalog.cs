using Verification.Core;
using Verification.Core.Random;

namespace Verification.Workloads;

/// <summary>
/// The workloads of docs/performance.md, built on any <see cref="IStack"/>, so the same code times Reference and
/// Optimized (BenchmarkDotNet classes in benchmarks/ and <see cref="QuickBench"/> both use these).
/// </summary>
public static class WorkloadCatalog
{
    /// <summary>The names, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["seed000_experiment", "mlp784_step", "dropout16M_train", "dropout2d_train", "linear_fwd_bwd_60x256x256", "linear_fwd_bwd_256x1024x1024",
        "conv_digits_epoch", "conv2d_fwd_bwd"];

    /// <summary>
    /// Builds the named workload for <paramref name="stack"/>. Each carries its counts: product flops (2 per multiply-add) for the
    /// compute-bound ones, bytes read + written for the memory-bound dropout passes.
    /// </summary>
    public static Workload Create(string name, IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return name switch
        {
            "seed000_experiment" => Seed000Experiment(stack),
            "mlp784_step" => Mlp784Step(stack),
            "dropout16M_train" => Dropout16M(stack),
            "dropout2d_train" => Dropout2dTrain(stack),
            "linear_fwd_bwd_60x256x256" => LinearForwardBackward(stack, 60, 256, 256),
            "linear_fwd_bwd_256x1024x1024" => LinearForwardBackward(stack, 256, 1024, 1024),
            "conv_digits_epoch" => ConvWorkloads.DigitsEpoch(stack),
            "conv2d_fwd_bwd" => ConvWorkloads.Conv2dForwardBackward(stack),
            _ => throw new ArgumentException($"unknown workload {name}; known: {string.Join(", ", Names)}", nameof(name)),
        };
    }

    private static double Product(long m, long k, long n) => 2.0 * m * k * n;

    /// <summary>
    /// Bytes a Linear layer's forward and backward read and write at least: x, W and ∂y read; y, ∂W, ∂b and ∂x written
    /// (4 bytes each): <c>4·(2·batch·in + 2·in·out + 2·batch·out + out)</c>.
    /// </summary>
    private static double LinearBytes(long batch, long inFeatures, long outFeatures) =>
        sizeof(float) * (2.0 * batch * inFeatures + 2.0 * inFeatures * outFeatures + 2.0 * batch * outFeatures + outFeatures);

    /// <summary>Adam reads a parameter, its gradient and both moments, and writes the parameter and both moments: 7 floats.</summary>
    private static double AdamBytes(long parameters) => 7.0 * sizeof(float) * parameters;

    /// <summary>
    /// The first seed document's experiment: seed 42, X_train = randn(60, 20), X_val = randn(400, 20), label
    /// <c>x₀ + 0.5·x₁ &gt; 0</c>; 20→256→256→1 with ReLU trained 100 full-batch Adam(5e-4) epochs on BCEWithLogits,
    /// then the same with Dropout(0.4) after each hidden ReLU; validation accuracy in eval mode at the end.
    /// </summary>
    public static Workload Seed000Experiment(IStack stack)
    {
        const int epochs = 100;
        void Run()
        {
            var g = new TorchGenerator(42);
            Tensor xTrain = g.Randn(60, 20), xVal = g.Randn(400, 20);
            Tensor yTrain = Labels(xTrain), yVal = Labels(xVal);
            foreach (double p in new[] { 0.0, 0.4 })
            {
                IModule model = p == 0
                    ? stack.Sequential(stack.Linear(20, 256, g), stack.ReLU(), stack.Linear(256, 256, g), stack.ReLU(), stack.Linear(256, 1, g))
                    : stack.Sequential(stack.Linear(20, 256, g), stack.ReLU(), stack.Dropout(p, g),
                        stack.Linear(256, 256, g), stack.ReLU(), stack.Dropout(p, g), stack.Linear(256, 1, g));
                var optimizer = stack.Adam(model.Parameters(), 5e-4);
                var loss = stack.BCEWithLogitsLoss();
                for (int epoch = 0; epoch < epochs; epoch++)
                {
                    model.SetTraining(true);
                    loss.Forward(model.Forward(xTrain), yTrain);
                    optimizer.ZeroGrad();
                    model.Backward(loss.Backward());
                    optimizer.Step();
                }
                model.SetTraining(false);
                Accuracy(model.Forward(xVal), yVal);
            }
        }
        double perEpoch = 3 * (Product(60, 20, 256) + Product(60, 256, 256) + Product(60, 256, 1));
        double evaluation = Product(400, 20, 256) + Product(400, 256, 256) + Product(400, 256, 1);
        return new Workload("seed000_experiment", Run, 2 * (epochs * perEpoch + evaluation));
    }

    private static Tensor Labels(Tensor x)
    {
        int n = x.Size(0);
        var y = new Tensor(n, 1);
        for (int i = 0; i < n; i++)
        {
            y[i] = x[i, 0] + 0.5f * x[i, 1] > 0 ? 1f : 0f;
        }
        return y;
    }

    /// <summary>Fraction of rows where <c>logit &gt; 0</c> matches the 0/1 label.</summary>
    public static double Accuracy(Tensor logits, Tensor labels)
    {
        int correct = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            if ((logits[i] > 0 ? 1f : 0f) == labels[i]) correct++;
        }
        return (double)correct / logits.Length;
    }

    /// <summary>One training step of 784→512→512→10 (ReLU, Dropout(0.5)) on a batch of 128: forward, cross-entropy, backward, Adam.</summary>
    public static Workload Mlp784Step(IStack stack)
    {
        const int batch = 128;
        var g = new TorchGenerator(0);
        IModule model = stack.Sequential(
            stack.Linear(784, 512, g), stack.ReLU(), stack.Dropout(0.5, g),
            stack.Linear(512, 512, g), stack.ReLU(), stack.Dropout(0.5, g),
            stack.Linear(512, 10, g));
        var loss = stack.CrossEntropyLoss();
        var optimizer = stack.Adam(model.Parameters(), 1e-3);
        Tensor x = g.Randn(batch, 784);
        var target = new Tensor(batch);
        for (int i = 0; i < batch; i++) target[i] = i % 10;
        void Run()
        {
            optimizer.ZeroGrad();
            loss.Forward(model.Forward(x), target);
            model.Backward(loss.Backward());
            optimizer.Step();
        }
        // Forward, ∂W and ∂x products for all three layers (this stack also computes the first layer's ∂x).
        double flops = 3 * (Product(batch, 784, 512) + Product(batch, 512, 512) + Product(batch, 512, 10));
        double bytes = LinearBytes(batch, 784, 512) + LinearBytes(batch, 512, 512) + LinearBytes(batch, 512, 10)
            + AdamBytes(784 * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10);
        return new Workload("mlp784_step", Run, flops, WorkloadBound.Compute, bytes);
    }

    /// <summary>Dropout(0.5) forward in training mode on 16,777,216 floats.</summary>
    public static Workload Dropout16M(IStack stack)
    {
        var g = new TorchGenerator(0);
        var x = new Tensor(1 << 24);
        FillDeterministic(x.Data);
        IModule dropout = stack.Dropout(0.5, g);
        // Reads x and writes y (4 bytes each per element) and the keep mask (one bit per element, kept for Backward).
        double bytes = 2.0 * sizeof(float) * x.Length + x.Length / 8.0;
        return new Workload("dropout16M_train", () => dropout.Forward(x), 0, WorkloadBound.Memory, bytes);
    }

    /// <summary>Dropout2d(0.5) forward in training mode on (64, 256, 32, 32).</summary>
    public static Workload Dropout2dTrain(IStack stack)
    {
        var g = new TorchGenerator(0);
        var x = new Tensor(64, 256, 32, 32);
        FillDeterministic(x.Data);
        IModule dropout = stack.Dropout2d(0.5, g);
        // Reads x and writes y, 4 bytes each per element: 134,217,728 bytes (one mask value per channel is negligible).
        double bytes = 2.0 * sizeof(float) * x.Length;
        return new Workload("dropout2d_train", () => dropout.Forward(x), 0, WorkloadBound.Memory, bytes);
    }

    /// <summary>Linear(in → out) forward and backward on a batch of <paramref name="batch"/>.</summary>
    public static Workload LinearForwardBackward(IStack stack, int batch, int inFeatures, int outFeatures)
    {
        var g = new TorchGenerator(0);
        IModule layer = stack.Linear(inFeatures, outFeatures, g);
        Tensor x = g.Rand(batch, inFeatures);
        Tensor gradOutput = g.Rand(batch, outFeatures);
        void Run()
        {
            layer.Forward(x);
            layer.Backward(gradOutput);
        }
        return new Workload($"linear_fwd_bwd_{batch}x{inFeatures}x{outFeatures}", Run, 3 * Product(batch, inFeatures, outFeatures),
            WorkloadBound.Compute, LinearBytes(batch, inFeatures, outFeatures));
    }

    /// <summary>Values in [−1, 1) from a cheap hash (drawing 16M normals would dominate setup).</summary>
    private static void FillDeterministic(float[] data)
    {
        uint h = 2463534242u;
        for (int i = 0; i < data.Length; i++)
        {
            h ^= h << 13; h ^= h >> 17; h ^= h << 5;
            data[i] = (h >> 8) * (2f / (1 << 24)) - 1f;
        }
    }
}
