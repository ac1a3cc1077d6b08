using System.Numerics;
using Verification.Core.Random;

namespace Verification.Core.Scripts;

/// <summary>One run of document 003's script: the losses of every epoch, training (with the mask) and without it.</summary>
public sealed record SensitivityRun(double P, long Seed, IReadOnlyList<double> TrainLosses, IReadOnlyList<double> ValidationLosses)
{
    /// <summary>The last epoch's training loss (what <c>train_with_dropout</c> returns first).</summary>
    public double TrainLoss => TrainLosses.Count > 0 ? TrainLosses[^1] : double.NaN;

    /// <summary>The last epoch's loss on the same five rows without the mask (its "validation" loss).</summary>
    public double ValidationLoss => ValidationLosses.Count > 0 ? ValidationLosses[^1] : double.NaN;

    /// <summary><c>ValidationLoss − TrainLoss</c>, the "gap" the document reads off its table.</summary>
    public double Gap => ValidationLoss - TrainLoss;
}

/// <summary>
/// Document 003_8edb894460b127c3.txt's "dropout rate sensitivity" NumPy script as its code runs it, in float64: the
/// churn network 2 → 4 (ReLU, dropout) → 1 (sigmoid) on its five customers, 100 full-batch gradient steps with lr 0.05.
/// <c>W1</c> (2, 4) then <c>W2</c> (4, 1) are drawn by <c>np.random.default_rng(seed).normal(0, 0.1, …)</c>
/// (<see cref="NumpyGenerator"/>); each epoch's mask is <c>np.random.rand(5, 4) &gt; p</c> after
/// <c>np.random.seed(seed)</c> (<see cref="NumpyRandomState"/>). The "validation" loss is the same five rows without
/// the mask, and, like the document's code, the backward pass multiplies by ReLU's derivative but not by the mask.
/// Products are summed in NumPy's order (over the inner index, then the bias added); tests/Golden/numpy.json holds
/// NumPy's own per-epoch losses.
/// </summary>
public static class ChurnSensitivityScript
{
    /// <summary>The document's seed.</summary>
    public const int DocumentSeed = 42;

    private const int Rows = 5, Inputs = 2, Hidden = 4;
    private static readonly double[,] X = { { 0.5, 0.1 }, { 0.9, 0.8 }, { 0.2, 0.3 }, { 0.7, 0.6 }, { 0.4, 0.2 } };
    private static readonly double[] Y = [0, 1, 0, 1, 0];

    /// <summary><c>train_with_dropout(p, epochs, lr, seed)</c>, keeping every epoch's two losses.</summary>
    public static SensitivityRun Train(double p, long seed = DocumentSeed, int epochs = 100, double lr = 0.05)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"p must be in [0, 1) (the script divides by 1 − p), but got {p}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        var weights = new NumpyGenerator(new BigInteger(seed));
        double[] w1 = weights.Normal(0, 0.1, Inputs * Hidden); // (2, 4) row-major
        double[] w2 = weights.Normal(0, 0.1, Hidden);          // (4, 1)
        double[] b1 = new double[Hidden];
        double b2 = 0;
        var masks = new NumpyRandomState(seed);
        var trainLosses = new double[epochs];
        var validationLosses = new double[epochs];
        var z1 = new double[Rows, Hidden];
        var a1d = new double[Rows, Hidden];
        var a2 = new double[Rows];
        var a2v = new double[Rows];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var u = masks.Rand(Rows * Hidden);
            for (int i = 0; i < Rows; i++)
            {
                double z2 = 0, z2v = 0;
                for (int j = 0; j < Hidden; j++)
                {
                    z1[i, j] = X[i, 0] * w1[j] + X[i, 1] * w1[Hidden + j] + b1[j];
                    double a1 = Math.Max(0, z1[i, j]);
                    a1d[i, j] = a1 * (u[i * Hidden + j] > p ? 1.0 : 0.0) / (1 - p);
                    z2 += a1d[i, j] * w2[j];
                    z2v += a1 * w2[j];
                }
                a2[i] = Sigmoid(z2 + b2);
                a2v[i] = Sigmoid(z2v + b2);
            }
            trainLosses[epoch] = Bce(a2);
            validationLosses[epoch] = Bce(a2v);
            Step(w1, b1, w2, ref b2, z1, a1d, a2, lr);
        }
        return new SensitivityRun(p, seed, trainLosses, validationLosses);
    }

    /// <summary>
    /// <c>dA2 = (A2 − y)/n</c>; <c>dW2 = A1dᵀ·dA2</c>, <c>db2 = Σ dA2</c>; <c>dZ1 = dA2·W2ᵀ ⊙ [Z1 &gt; 0]</c> (no mask: the
    /// document's own omission); <c>dW1 = Xᵀ·dZ1</c>, <c>db1 = Σ dZ1</c>; then every parameter moves by <c>−lr·grad</c>.
    /// </summary>
    private static void Step(double[] w1, double[] b1, double[] w2, ref double b2, double[,] z1, double[,] a1d, double[] a2, double lr)
    {
        var dw1 = new double[Inputs * Hidden];
        var db1 = new double[Hidden];
        var dw2 = new double[Hidden];
        double db2 = 0;
        for (int i = 0; i < Rows; i++)
        {
            double d = (a2[i] - Y[i]) / Rows;
            db2 += d;
            for (int j = 0; j < Hidden; j++)
            {
                dw2[j] += a1d[i, j] * d;
                double dz1 = d * w2[j] * (z1[i, j] > 0 ? 1.0 : 0.0);
                dw1[j] += X[i, 0] * dz1;
                dw1[Hidden + j] += X[i, 1] * dz1;
                db1[j] += dz1;
            }
        }
        for (int k = 0; k < w1.Length; k++) w1[k] -= lr * dw1[k];
        for (int j = 0; j < Hidden; j++)
        {
            b1[j] -= lr * db1[j];
            w2[j] -= lr * dw2[j];
        }
        b2 -= lr * db2;
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
        return -(sum / a.Length);
    }
}
