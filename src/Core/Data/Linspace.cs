namespace Verification.Core.Data;

/// <summary>
/// <c>torch.linspace(start, end, steps)</c> in float32 on the CPU, bit for bit. Read in pytorch/pytorch
/// <c>aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp</c> (<c>linspace_kernel</c>): start and end are converted to
/// float, <c>step = (end − start) / (steps − 1)</c> in float, and with <c>halfway = steps / 2</c> element i is
/// <c>start + step·i</c> for i &lt; halfway and <c>end − step·(steps − 1 − i)</c> from there on, so both endpoints
/// are exact and the spacing is symmetric (a serial scalar loop; the index is converted to float first).
/// <c>steps = 1</c> gives <c>[start]</c>, as <c>linspace_out</c> fills it before the kernel runs; <c>steps = 0</c>
/// gives an empty tensor.
/// Each element is one fused multiply-add: the kernels under <c>native/cpu</c> are compiled once per CPU capability,
/// the AVX2 and AVX-512 builds with FMA enabled, and GCC contracts <c>a ± b·c</c> into one FMA by default
/// (<c>-ffp-contract=fast</c>). PyTorch's own output settles it: for the 80 points of document 002, rounding the
/// product separately differs from <c>torch.linspace</c> at i = 52 and i = 58, the fused form matches all 80
/// (tests/Golden/sine.json, <c>sine.data</c>).
/// </summary>
public static class Linspace
{
    /// <summary>A 1-D tensor of <paramref name="steps"/> evenly spaced floats from start to end inclusive.</summary>
    public static Tensor Create(double start, double end, int steps)
    {
        if (steps < 0 || steps > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"number of steps must be non-negative, but got {steps}");
        }
        if (!double.IsFinite(start) || !double.IsFinite(end))
        {
            throw new ArgumentException($"linspace expects finite start and end, but got start={start}, end={end}.", nameof(start));
        }
        var result = new Tensor(steps);
        float first = (float)start;
        float last = (float)end;
        if (steps == 1)
        {
            result.Data[0] = first;
            return result;
        }
        float step = (last - first) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++)
        {
            result.Data[i] = i < halfway
                ? MathF.FusedMultiplyAdd(step, i, first)
                : MathF.FusedMultiplyAdd(-step, steps - 1 - i, last);
        }
        return result;
    }
}
