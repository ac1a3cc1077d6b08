using System.Runtime.Intrinsics;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Optimized;

/// <summary>
/// BatchNorm's affine op and its eval-mode backward at every kernel width this machine runs, against Reference. The
/// default β is 0 and the default running mean 0, so a body that dropped or negated the shift would pass every other
/// test; here β, γ and the running statistics are non-trivial (a few training steps first), the length dimension is
/// present (the (N, C, L) eval branch of ∂x) and one eval input is NaN: eval ∂x is g·γ/σ and must not read x.
/// </summary>
public class BatchNormEvalWidthTests
{
    private const int N = 3, C = 2, L = 37, H = 5, W = 7;

    /// <summary>The widths to run: each accelerated vector width and the scalar body (0).</summary>
    public static TheoryData<int> Widths()
    {
        var widths = new TheoryData<int>();
        if (Vector512.IsHardwareAccelerated) widths.Add(512);
        if (Vector256.IsHardwareAccelerated) widths.Add(256);
        if (Vector128.IsHardwareAccelerated) widths.Add(128);
        widths.Add(0);
        return widths;
    }

    private static Tensor Draw(ulong seed, float offset, params int[] shape)
    {
        Tensor t = new TorchGenerator(seed).Randn(shape);
        for (int i = 0; i < t.Length; i++) t[i] = t[i] * 2f + offset;
        return t;
    }

    // Close enough for two float implementations of the same formula; a lost or negated β is off by O(1).
    private static void Close(Tensor expected, Tensor actual, string what) => Compare.Close(expected, actual, 1e-4, 1e-4, what);

    /// <summary>Training steps, then eval forward and backward, on both stacks with the same γ, β per step.</summary>
    private static void Run(IModule reference, IModule optimized, int[] shape, string name)
    {
        var rParams = reference.NamedParameters().ToArray();
        var oParams = optimized.NamedParameters().ToArray();
        for (int step = 0; step < 3; step++)
        {
            bool training = step < 2;
            reference.SetTraining(training);
            optimized.SetTraining(training);
            for (int p = 0; p < 2; p++)
            {
                Tensor value = Draw(100 + (ulong)(step * 2 + p), p == 0 ? 1f : 3f, C);
                value.Data.CopyTo(rParams[p].Parameter.Value.Data, 0);
                value.Data.CopyTo(oParams[p].Parameter.Value.Data, 0);
            }
            Tensor x = Draw(200 + (ulong)step, 1.5f, shape), g = Draw(300 + (ulong)step, 0f, shape);
            if (!training) x[5] = float.NaN;
            string what = $"{name} {(training ? $"step {step + 1}" : "eval")}";
            Close(reference.Forward(x), optimized.Forward(x).Clone(), $"{what} y");
            Close(reference.Backward(g), optimized.Backward(g).Clone(), $"{what} dx");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void BatchNorm1d_with_length_matches_Reference_with_shift_and_running_stats(int bits) =>
        KernelWidth.At(bits, () => Run(new R.BatchNorm1d(C), new O.BatchNorm1d(C), [N, C, L], $"BatchNorm1d at {bits} bits"));

    [Theory]
    [MemberData(nameof(Widths))]
    public void BatchNorm1d_rows_match_Reference_with_shift_and_running_stats(int bits) =>
        KernelWidth.At(bits, () => Run(new R.BatchNorm1d(C), new O.BatchNorm1d(C), [N, C], $"BatchNorm1d (N, C) at {bits} bits"));

    [Theory]
    [MemberData(nameof(Widths))]
    public void BatchNorm2d_matches_Reference_with_shift_and_running_stats(int bits) =>
        KernelWidth.At(bits, () => Run(new R.BatchNorm2d(C), new O.BatchNorm2d(C), [N, C, H, W], $"BatchNorm2d at {bits} bits"));
}
