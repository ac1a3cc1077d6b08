using Verification.Core.Random;

namespace Verification.Experiments.Document003;

/// <summary>
/// NumPy's legacy <c>np.random.normal(loc, scale)</c> on a <see cref="NumpyRandomState"/>: the polar
/// (Marsaglia) method, <c>x₁, x₂ = 2u − 1</c> until <c>0 &lt; r² = x₁² + x₂² &lt; 1</c>, then
/// <c>f = √(−2 ln r² / r²)</c>; returns <c>f·x₂</c> and keeps <c>f·x₁</c> for the next call.
/// </summary>
public sealed class LegacyNormal
{
    private readonly NumpyRandomState _state;
    private double? _cached;

    /// <summary>Draws from <paramref name="state"/>.</summary>
    public LegacyNormal(NumpyRandomState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <summary>One standard normal value.</summary>
    public double Next()
    {
        if (_cached is double kept)
        {
            _cached = null;
            return kept;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * _state.NextDouble() - 1.0;
            x2 = 2.0 * _state.NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _cached = f * x1;
        return f * x2;
    }

    /// <summary><c>np.random.normal(loc, scale, size)</c>, row-major.</summary>
    public double[] Normal(double loc, double scale, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var values = new double[size];
        for (int i = 0; i < size; i++) values[i] = loc + scale * Next();
        return values;
    }
}
