using FsCheck;
using FsCheck.Fluent;

namespace Verification.Exercises.Grading;

/// <summary>
/// Bounded, shrinkable inputs for property-graded exercises. Values sit on a grid so counterexamples print short, and
/// every input shrinks towards zero one component at a time, so the feedback shows the smallest failing case.
/// </summary>
public static class Inputs
{
    /// <summary>A value in [lo, hi] on a 0.01 grid (lo ≤ 0 ≤ hi), shrinking towards 0.</summary>
    public static Arbitrary<double> Value(double lo, double hi) =>
        Arb.From(Gen.Choose((int)Math.Round(lo * 100), (int)Math.Round(hi * 100)).Select(i => i / 100.0), ShrinkOnGrid(0.01));

    /// <summary>A drop probability in [0, 0.9] on a 0.05 grid, shrinking towards 0.</summary>
    public static Arbitrary<double> DropProbability() => Arb.From(Gen.Choose(0, 18).Select(i => i * 0.05), ShrinkOnGrid(0.05));

    /// <summary>A count in [lo, hi], shrinking towards lo.</summary>
    public static Arbitrary<int> Count(int lo, int hi) =>
        Arb.From(Gen.Choose(lo, hi), n => n > lo ? new[] { lo, lo + (n - lo) / 2, n - 1 }.Distinct().Where(m => m < n) : []);

    /// <summary>A float vector with entries in [−2, 2], shrinking one entry at a time towards 0.</summary>
    public static Arbitrary<float[]> Vector(int length) =>
        Arb.From(Value(-2, 2).Generator.Select(v => (float)v).ArrayOf(length), ShrinkEach<float>(v => ShrinkOnGrid(0.01)(v).Select(d => (float)d)));

    /// <summary>A 0/1 mask, shrinking one entry at a time towards 1 (kept).</summary>
    public static Arbitrary<float[]> Mask(int length) =>
        Arb.From(Gen.Elements(0f, 1f).ArrayOf(length), ShrinkEach<float>(v => v == 0f ? [1f] : []));

    /// <summary>Two independent inputs, shrinking the first, then the second.</summary>
    public static Arbitrary<(A, B)> Both<A, B>(Arbitrary<A> a, Arbitrary<B> b) =>
        Arb.From(from x in a.Generator from y in b.Generator select (x, y),
            t => a.Shrinker(t.Item1).Select(x => (x, t.Item2)).Concat(b.Shrinker(t.Item2).Select(y => (t.Item1, y))));

    /// <summary>Three independent inputs.</summary>
    public static Arbitrary<(A, B, C)> All<A, B, C>(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c) =>
        Arb.From(from x in a.Generator from y in b.Generator from z in c.Generator select (x, y, z),
            t => a.Shrinker(t.Item1).Select(x => (x, t.Item2, t.Item3))
                .Concat(b.Shrinker(t.Item2).Select(y => (t.Item1, y, t.Item3)))
                .Concat(c.Shrinker(t.Item3).Select(z => (t.Item1, t.Item2, z))));

    /// <summary>Four independent inputs.</summary>
    public static Arbitrary<(A, B, C, D)> All<A, B, C, D>(Arbitrary<A> a, Arbitrary<B> b, Arbitrary<C> c, Arbitrary<D> d) =>
        Arb.From(from w in a.Generator from x in b.Generator from y in c.Generator from z in d.Generator select (w, x, y, z),
            t => a.Shrinker(t.Item1).Select(w => (w, t.Item2, t.Item3, t.Item4))
                .Concat(b.Shrinker(t.Item2).Select(x => (t.Item1, x, t.Item3, t.Item4)))
                .Concat(c.Shrinker(t.Item3).Select(y => (t.Item1, t.Item2, y, t.Item4)))
                .Concat(d.Shrinker(t.Item4).Select(z => (t.Item1, t.Item2, t.Item3, z))));

    private static Func<double, IEnumerable<double>> ShrinkOnGrid(double step) => v =>
    {
        if (v == 0) return [];
        double half = Math.Round(v / 2 / step) * step;
        double closer = Math.Round((v - Math.Sign(v) * step) / step) * step;
        return new[] { 0.0, half, closer }.Distinct().Where(c => Math.Abs(c) < Math.Abs(v));
    };

    private static Func<T[], IEnumerable<T[]>> ShrinkEach<T>(Func<T, IEnumerable<T>> shrinkOne) => values =>
        values.SelectMany((v, i) => shrinkOne(v).Select(s =>
        {
            var copy = (T[])values.Clone();
            copy[i] = s;
            return copy;
        }));
}
