using Verification.Core;
using Xunit.Sdk;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// The comparisons every cross-check uses beside <see cref="Support.Compare.Exact(Tensor, Tensor, string)"/> (bit-exact
/// equality, Reference as the expected side): per-element bounds (the bound of element i computed from the inputs of
/// element i), equal zero patterns and equal generator states. A failure names what was compared, the case, the index,
/// the Reference and Optimized values, the error and the bound.
/// </summary>
public static class Agreement
{
    /// <summary>Asserts <c>|optimized[i] − reference[i]| ≤ bound(i)</c> for every i (NaN only matches NaN, ±∞ only itself).</summary>
    public static void Within(ReadOnlySpan<float> reference, ReadOnlySpan<float> optimized, Func<int, double> bound, string what)
    {
        if (reference.Length != optimized.Length)
        {
            throw new XunitException($"{what}: Reference has {reference.Length} values, Optimized {optimized.Length}.");
        }
        for (int i = 0; i < reference.Length; i++)
        {
            double e = reference[i], a = optimized[i];
            if (!double.IsFinite(e) || !double.IsFinite(a))
            {
                if (!(double.IsNaN(e) && double.IsNaN(a)) && e != a)
                {
                    throw new XunitException($"{what}: index {i}: Reference {e:R}, Optimized {a:R}.");
                }
                continue;
            }
            double error = Math.Abs(a - e), allowed = bound(i);
            if (!(error <= allowed))
            {
                throw new XunitException(
                    $"{what}: index {i}: Reference {reference[i]:R}, Optimized {optimized[i]:R}, error {error:G3} > bound {allowed:G3}.");
            }
        }
    }

    /// <summary>
    /// Tensor overload of <see cref="Within(ReadOnlySpan{float}, ReadOnlySpan{float}, Func{int, double}, string)"/> that
    /// checks shapes too.
    /// </summary>
    public static void Within(Tensor reference, Tensor optimized, Func<int, double> bound, string what)
    {
        SameShape(reference, optimized, what);
        Within(reference.Data, optimized.Data, bound, what);
    }

    /// <summary>Asserts <c>|optimized − reference| ≤ rtol·|reference| + atol</c> for every element.</summary>
    public static void Relative(Tensor reference, Tensor optimized, double rtol, double atol, string what)
    {
        float[] e = reference.Data;
        Within(reference, optimized, i => rtol * Math.Abs(e[i]) + atol, what);
    }

    /// <summary>Asserts that exactly the same elements are zero (a dropout mask seen through its output).</summary>
    public static void SameZeros(ReadOnlySpan<float> reference, ReadOnlySpan<float> optimized, string what)
    {
        for (int i = 0; i < reference.Length; i++)
        {
            if ((reference[i] == 0) != (optimized[i] == 0))
            {
                throw new XunitException(
                    $"{what}: index {i} is {(reference[i] == 0 ? "dropped" : "kept")} by Reference ({reference[i]:R}) " +
                    $"but {(optimized[i] == 0 ? "dropped" : "kept")} by Optimized ({optimized[i]:R}).");
            }
        }
    }

    /// <summary>Asserts two generators are in the same state: their next words are equal (the same number of draws was used).</summary>
    public static void SameGeneratorState(Verification.Core.Random.TorchGenerator reference,
        Verification.Core.Random.TorchGenerator optimized, string what)
    {
        for (int i = 0; i < 4; i++)
        {
            uint r = reference.Random(), o = optimized.Random();
            if (r != o)
            {
                throw new XunitException($"{what}: the generators diverged after the pass (word {i}: Reference {r}, " +
                    $"Optimized {o}); the stacks drew different amounts.");
            }
        }
    }

    private static void SameShape(Tensor reference, Tensor optimized, string what)
    {
        if (!reference.SameShape(optimized))
        {
            throw new XunitException($"{what}: Reference shape {reference.ShapeText}, Optimized {optimized.ShapeText}.");
        }
    }
}
