using Verification.Core;
using R = Verification.Reference;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Per-element error bounds for the gradients of <see cref="SequentialCrossChecks"/>' network, by running error analysis
/// (Higham, Accuracy and Stability of Numerical Algorithms, §3.1): every sum two programs round differently differs by at
/// most <c>2(K + 2)u</c> of the sum of the absolute values of its terms (see <see cref="CrossCheckTolerances.Product"/>),
/// so each gradient element gets the <em>magnitude</em> of what was summed to make it — the same backward pass with every
/// term replaced by its absolute value: <c>|g|·|W|</c> for a product, σ′ and tanh′ of the actual values, the actual
/// dropout mask, and BatchNorm's <c>(|γ|/σ)(|dy| + mean|dy| + 2|x̂|·mean|dy·x̂|)</c> for its cancelling input gradient.
/// <para>
/// Where nothing cancels, the magnitude equals |value| and the bound is a small relative one; where a batch sum cancels
/// (BatchNorm subtracts the batch mean of its gradient; ∂W sums over the batch), it is the absolute error that sum can
/// carry, no more. The forward values the magnitudes use are widened by their own forward error (the first Linear's
/// <c>2(In + 2)u·|x|·|W₁|</c>, divided by σ through BatchNorm), so an activation that is nearly cancelled (x̂ ≈ 0) still
/// carries the absolute error it can have. No bound depends on the largest element of a tensor, on N·max|x| or on
/// 1/(1 − p) applied to dropped units.
/// </para>
/// <para>
/// Two kinds of term make up each bound: roundings, <c>relative</c> (= <see cref="Stages"/>·2(K + 2)u) times the
/// magnitude, and forward errors carried into the backward products (a gradient term d·a moves by |d|·Δa when the two
/// stacks' activations a differ by Δa). The second kind is already absolute; it is added to the magnitudes divided by
/// <c>relative</c>, so the one final multiplication by <c>relative</c> gives each its own size.
/// </para>
/// </summary>
public sealed class SequentialMagnitudes
{
    /// <summary>
    /// Rounding stages on the longest path (forward: Linear, BatchNorm, Tanh, Dropout, Linear, Sigmoid, Linear; backward:
    /// Linear, Sigmoid, Linear, Dropout, Tanh, BatchNorm, Linear): each contributes at most 2(K + 2)u of the magnitude,
    /// and the magnitudes of later stages contain the earlier ones (|W| ≥ 0 times them), so the bounds add up.
    /// </summary>
    private const int Stages = 14;

    private readonly Dictionary<string, double[]> _bounds = [];

    /// <summary>The bound on |Optimized − Reference| for each element of ∂x (key "x") or of a parameter's gradient.</summary>
    public double[] this[string name] => _bounds[name];

    /// <summary>
    /// The bounds for one pass of <paramref name="network"/> (the Reference twin, after its Forward on
    /// <paramref name="x"/>) with upstream gradient <paramref name="g"/>.
    /// </summary>
    public SequentialMagnitudes(R.Sequential network, Tensor x, Tensor g)
    {
        var layers = network.Layers;
        bool batchNorm = layers[1] is R.BatchNorm1d;
        int offset = batchNorm ? 1 : 0;
        var first = (R.Linear)layers[0];
        var dropout = (R.Dropout)layers[2 + offset];
        var middle = (R.Linear)layers[3 + offset];
        var last = (R.Linear)layers[5 + offset];
        int n = x.Size(0), inputs = x.Size(1);
        Tensor w1 = first.Weight.Value, w2 = middle.Weight.Value, w3 = last.Weight.Value;
        int h1 = w1.Size(0), h2 = w2.Size(0), outputs = w3.Size(0);
        int widest = Math.Max(Math.Max(inputs, h1), Math.Max(h2, outputs));
        double sum = 2.0 * (n + widest + 2) * CrossCheckTolerances.Unit;
        double relative = Stages * sum;

        // Forward, in double, with each activation's forward error bound.
        double[,] h = new double[n, h1], hError = new double[n, h1];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < h1; i++)
            {
                double s = first.Bias is null ? 0 : first.Bias.Value[i], magnitude = first.Bias is null ? 0 : Math.Abs(first.Bias.Value[i]);
                for (int k = 0; k < inputs; k++)
                {
                    s += (double)x[r, k] * w1[i, k];
                    magnitude += Math.Abs((double)x[r, k] * w1[i, k]);
                }
                h[r, i] = s;
                hError[r, i] = 2.0 * (inputs + 2) * CrossCheckTolerances.Unit * magnitude;
            }
        }
        double[,] normalized = h, normalizedError = hError;
        double[] sigma = new double[h1], gamma = new double[h1];
        Array.Fill(sigma, 1.0);
        Array.Fill(gamma, 1.0);
        if (batchNorm)
        {
            var norm = (R.BatchNorm1d)layers[1];
            normalized = new double[n, h1];
            normalizedError = new double[n, h1];
            for (int i = 0; i < h1; i++)
            {
                double mean, variance;
                if (norm.IsTraining)
                {
                    double total = 0, squares = 0;
                    for (int r = 0; r < n; r++) total += h[r, i];
                    mean = total / n;
                    for (int r = 0; r < n; r++) squares += (h[r, i] - mean) * (h[r, i] - mean);
                    variance = squares / n;
                }
                else
                {
                    mean = norm.RunningMean[i];
                    variance = norm.RunningVar[i];
                }
                sigma[i] = Math.Sqrt(variance + norm.Eps);
                gamma[i] = norm.Weight.Value[i];
                double meanError = 0, spread = 0;
                for (int r = 0; r < n; r++) meanError += hError[r, i] / n;
                for (int r = 0; r < n; r++)
                {
                    normalized[r, i] = (h[r, i] - mean) / sigma[i] * gamma[i] + norm.Bias.Value[i];
                    spread += Math.Abs((h[r, i] - mean) / sigma[i]) * hError[r, i] / n;
                }
                // x̂ = (h − μ)/σ moves by (Δh − Δμ)/σ − x̂·Δσ/σ, with |Δμ| ≤ mean|Δh| and |Δσ| ≤ mean(|x̂|·|Δh|) (first order).
                for (int r = 0; r < n; r++)
                {
                    double xHat = Math.Abs((h[r, i] - mean) / sigma[i]);
                    normalizedError[r, i] = Math.Abs(gamma[i]) * ((hError[r, i] + meanError) / sigma[i] + xHat * spread / sigma[i])
                        + CrossCheckTolerances.BatchNormForwardRoundings * (Math.Abs(normalized[r, i]) + Math.Abs(norm.Bias.Value[i]));
                }
            }
        }
        double keptScale = dropout.P >= 1 ? 0 : 1 / (1 - dropout.P);
        double[,] tanh = new double[n, h1], dropped = new double[n, h1], droppedError = new double[n, h1];
        double[,] keep = new double[n, h1];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < h1; i++)
            {
                tanh[r, i] = Math.Tanh(normalized[r, i]);
                keep[r, i] = !dropout.IsTraining ? 1 : dropout.Kept(r * h1 + i) ? keptScale : 0;
                dropped[r, i] = keep[r, i] * Math.Abs(tanh[r, i]);
                droppedError[r, i] = keep[r, i] * (normalizedError[r, i] + 3 * CrossCheckTolerances.Unit);
            }
        }
        double[,] sigmoid = new double[n, h2], sigmoidError = new double[n, h2];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < h2; j++)
            {
                double s = middle.Bias!.Value[j], magnitude = Math.Abs(s), carried = 0;
                for (int i = 0; i < h1; i++)
                {
                    double v = keep[r, i] * tanh[r, i];
                    s += v * w2[j, i];
                    magnitude += Math.Abs(v * w2[j, i]);
                    carried += droppedError[r, i] * Math.Abs(w2[j, i]);
                }
                sigmoid[r, j] = 1 / (1 + Math.Exp(-s));
                sigmoidError[r, j] = 0.25 * (carried + sum * magnitude) + CrossCheckTolerances.TranscendentalRelative * sigmoid[r, j];
            }
        }

        // Backward magnitudes, each upstream value widened by its forward error.
        double[] w3Bound = new double[outputs * h2], b3Bound = new double[outputs];
        double[,] atSigmoidInput = new double[n, h2];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < h2; j++)
            {
                double through = 0;
                for (int o = 0; o < outputs; o++) through += Math.Abs(g[r, o]) * Math.Abs(w3[o, j]);
                double a = sigmoid[r, j];
                // σ′ = a(1 − a) ≤ ¼, moved by at most |1 − 2a|·Δa ≤ Δa.
                atSigmoidInput[r, j] = (a * (1 - a) + sigmoidError[r, j] / relative) * through;
            }
            for (int o = 0; o < outputs; o++)
            {
                b3Bound[o] += Math.Abs(g[r, o]);
                for (int j = 0; j < h2; j++) w3Bound[o * h2 + j] += Math.Abs(g[r, o]) * (sigmoid[r, j] + sigmoidError[r, j] / relative);
            }
        }
        double[] w2Bound = new double[h2 * h1], b2Bound = new double[h2];
        double[,] atTanhInput = new double[n, h1];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < h2; j++)
            {
                b2Bound[j] += atSigmoidInput[r, j];
                for (int i = 0; i < h1; i++) w2Bound[j * h1 + i] += atSigmoidInput[r, j] * (dropped[r, i] + droppedError[r, i] / relative);
            }
            for (int i = 0; i < h1; i++)
            {
                double through = 0;
                for (int j = 0; j < h2; j++) through += atSigmoidInput[r, j] * Math.Abs(w2[j, i]);
                double t = tanh[r, i];
                // tanh′ = 1 − t² ≤ 1, moved by at most 2|t|·Δt.
                atTanhInput[r, i] = keep[r, i] * through * (1 - t * t + 2 * Math.Abs(t) * normalizedError[r, i] / relative);
            }
        }
        double[,] atFirstOutput = atTanhInput;
        if (batchNorm)
        {
            var norm = (R.BatchNorm1d)layers[1];
            double[] gammaBound = new double[h1], betaBound = new double[h1];
            atFirstOutput = new double[n, h1];
            for (int i = 0; i < h1; i++)
            {
                double meanDy = 0, meanDyXHat = 0;
                for (int r = 0; r < n; r++)
                {
                    double xHat = Math.Abs((normalized[r, i] - norm.Bias.Value[i]) / gamma[i])
                        + normalizedError[r, i] / Math.Abs(gamma[i]) / relative;
                    meanDy += atTanhInput[r, i] / n;
                    meanDyXHat += atTanhInput[r, i] * xHat / n;
                    gammaBound[i] += atTanhInput[r, i] * xHat;
                    betaBound[i] += atTanhInput[r, i];
                }
                for (int r = 0; r < n; r++)
                {
                    double xHat = Math.Abs((normalized[r, i] - norm.Bias.Value[i]) / gamma[i])
                        + normalizedError[r, i] / Math.Abs(gamma[i]) / relative;
                    // Training: (γ/σ)(dy − mean dy − x̂·mean(dy·x̂)); eval: (γ/σ)·dy with the running σ.
                    atFirstOutput[r, i] = Math.Abs(gamma[i]) / sigma[i] *
                        (norm.IsTraining ? atTanhInput[r, i] + meanDy + 2 * xHat * meanDyXHat : atTanhInput[r, i]);
                }
            }
            _bounds["1.weight"] = Scale(gammaBound, relative);
            _bounds["1.bias"] = Scale(betaBound, relative);
        }
        double[] w1Bound = new double[h1 * inputs], b1Bound = new double[h1], xBound = new double[n * inputs];
        for (int r = 0; r < n; r++)
        {
            for (int i = 0; i < h1; i++)
            {
                b1Bound[i] += atFirstOutput[r, i];
                for (int k = 0; k < inputs; k++)
                {
                    w1Bound[i * inputs + k] += atFirstOutput[r, i] * Math.Abs(x[r, k]);
                    xBound[r * inputs + k] += atFirstOutput[r, i] * Math.Abs(w1[i, k]);
                }
            }
        }
        string firstName = "0", middleName = batchNorm ? "4" : "3", lastName = batchNorm ? "6" : "5";
        _bounds["x"] = Scale(xBound, relative);
        _bounds[$"{firstName}.weight"] = Scale(w1Bound, relative);
        if (!batchNorm) _bounds[$"{firstName}.bias"] = Scale(b1Bound, relative);
        _bounds[$"{middleName}.weight"] = Scale(w2Bound, relative);
        _bounds[$"{middleName}.bias"] = Scale(b2Bound, relative);
        _bounds[$"{lastName}.weight"] = Scale(w3Bound, relative);
        _bounds[$"{lastName}.bias"] = Scale(b3Bound, relative);
    }

    private static double[] Scale(double[] magnitudes, double relative) =>
        magnitudes.Select(m => relative * m + CrossCheckTolerances.Floor).ToArray();
}
