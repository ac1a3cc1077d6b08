using Verification.Core.Random;

namespace Verification.Experiments.Document003;

/// <summary>The last epoch's losses of one run of the script: training (with the dropout mask) and the same data without it.</summary>
public sealed record SensitivityRun(double P, long Seed, double TrainLoss, double ValidationLoss)
{
    /// <summary><c>ValidationLoss − TrainLoss</c>, the "gap" the document reads off its table.</summary>
    public double Gap => ValidationLoss - TrainLoss;
}

/// <summary>
/// Document 003's "dropout rate sensitivity" NumPy script, step for step in double precision: the churn network
/// 2 → 4 (ReLU, dropout) → 1 (sigmoid) on its five customers, 100 full-batch gradient steps with lr 0.05; masks
/// <c>rand(5, 4) &gt; p</c> from <c>np.random.seed(seed)</c>; the reported "validation" loss is the same five rows
/// without the mask. Like the document's code, the backward pass multiplies by ReLU's derivative but not by the
/// dropout mask. The document draws the weights from <c>np.random.default_rng(seed)</c> (PCG64), which Core does not
/// reproduce: here they come from a legacy <c>RandomState(seed).normal(0, 0.1)</c>, so the numbers are the
/// procedure's, not the document's draws, and the claims are judged by direction over several seeds.
/// </summary>
public static class ChurnSensitivityScript
{
    private static readonly double[,] X = { { 0.5, 0.1 }, { 0.9, 0.8 }, { 0.2, 0.3 }, { 0.7, 0.6 }, { 0.4, 0.2 } };
    private static readonly double[] Y = [0, 1, 0, 1, 0];

    /// <summary><c>train_with_dropout(p, epochs=100, lr=0.05, seed)</c>: the last epoch's train and validation loss.</summary>
    public static SensitivityRun Train(double p, long seed, int epochs = 100, double lr = 0.05)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"p must be in [0, 1) (the script divides by 1 − p), but got {p}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        const int n = 5, hidden = 4;
        var weights = new LegacyNormal(new NumpyRandomState(seed));
        double[] w1 = weights.Normal(0, 0.1, 2 * hidden); // (2, 4) row-major
        double[] b1 = new double[hidden];
        double[] w2 = weights.Normal(0, 0.1, hidden);     // (4, 1)
        double b2 = 0;
        var masks = new NumpyRandomState(seed);
        double trainLoss = double.NaN, validationLoss = double.NaN;
        var z1 = new double[n, hidden];
        var a1d = new double[n, hidden];
        var a2 = new double[n];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var u = masks.Rand(n * hidden);
            var a2v = new double[n];
            for (int i = 0; i < n; i++)
            {
                double z2 = b2, z2v = b2;
                for (int j = 0; j < hidden; j++)
                {
                    z1[i, j] = X[i, 0] * w1[j] + X[i, 1] * w1[hidden + j] + b1[j];
                    double a1 = Math.Max(0, z1[i, j]);
                    a1d[i, j] = a1 * (u[i * hidden + j] > p ? 1.0 : 0.0) / (1 - p);
                    z2 += a1d[i, j] * w2[j];
                    z2v += a1 * w2[j];
                }
                a2[i] = Sigmoid(z2);
                a2v[i] = Sigmoid(z2v);
            }
            trainLoss = Bce(a2);
            validationLoss = Bce(a2v);

            // dA2 = (A2 − y)/n; the script's dZ1 = dA2·W2ᵀ ⊙ [Z1 > 0] (no dropout mask: the document's own omission).
            var dw1 = new double[2 * hidden];
            var db1 = new double[hidden];
            var dw2 = new double[hidden];
            double db2 = 0;
            for (int i = 0; i < n; i++)
            {
                double d = (a2[i] - Y[i]) / n;
                db2 += d;
                for (int j = 0; j < hidden; j++)
                {
                    dw2[j] += a1d[i, j] * d;
                    double dz1 = z1[i, j] > 0 ? d * w2[j] : 0;
                    dw1[j] += X[i, 0] * dz1;
                    dw1[hidden + j] += X[i, 1] * dz1;
                    db1[j] += dz1;
                }
            }
            for (int k = 0; k < w1.Length; k++) w1[k] -= lr * dw1[k];
            for (int j = 0; j < hidden; j++)
            {
                b1[j] -= lr * db1[j];
                w2[j] -= lr * dw2[j];
            }
            b2 -= lr * db2;
        }
        return new SensitivityRun(p, seed, trainLoss, validationLoss);
    }

    /// <summary><c>1 / (1 + exp(−clip(z, −500, 500)))</c>.</summary>
    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-Math.Clamp(z, -500, 500)));

    /// <summary><c>−mean(y·log(a + 1e-8) + (1 − y)·log(1 − a + 1e-8))</c>.</summary>
    private static double Bce(double[] a)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Y[i] * Math.Log(a[i] + 1e-8) + (1 - Y[i]) * Math.Log(1 - a[i] + 1e-8);
        }
        return -sum / a.Length;
    }
}
