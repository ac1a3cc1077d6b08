namespace Verification.Core.Data;

/// <summary>
/// <c>torch.linspace(start, end, steps)</c> in float32 on the CPU, bit for bit. Read in pytorch/pytorch
/// <c>aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp</c> (<c>linspace_kernel</c>): start and end are converted to
/// float, <c>step = (end − start) / (steps − 1)</c> in float, and with <c>halfway = steps / 2</c> element i is
/// <c>start + step·i</c> for i &lt; halfway and <c>end − step·(steps − 1 − i)</c> from there on, so both endpoints
/// are exact and the spacing is symmetric. (Recent versions run this as a serial scalar loop; older ones had a
/// vectorised arange from the same two anchors.) <c>steps = 1</c> gives <c>[start]</c>, as
/// <c>linspace_out</c> fills it before the kernel runs; <c>steps = 0</c> gives an empty tensor.
/// Products and sums are rounded separately, as the source reads. If a PyTorch build lets the compiler fuse
/// <c>end − step·k</c> into one FMA, the second half can differ by one ulp: for the 80 points of document 002
/// that happens at i = 52 and i = 58 (checked by exact rational arithmetic); no golden vector settles it yet.
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
            result.Data[i] = i < halfway ? first + step * i : last - step * (steps - 1 - i);
        }
        return result;
    }
}
