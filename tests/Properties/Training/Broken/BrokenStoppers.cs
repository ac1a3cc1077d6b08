using Verification.Core;

namespace Verification.Properties.Training.Broken;

/// <summary>BUG: counts every non-improving epoch since the start instead of since the last improvement.</summary>
internal sealed class StopperWithoutReset(int patience, double minDelta)
{
    private double _best = double.PositiveInfinity;
    private int _bad;

    public bool ShouldStop(double loss, IModule model)
    {
        if (loss < _best - minDelta) _best = loss;
        else _bad++;
        return _bad >= patience;
    }
}

/// <summary>BUG: <c>loss ≤ best − minDelta</c>, so an equal loss counts as an improvement and resets the wait.</summary>
internal sealed class StopperWithInclusiveDelta(int patience, double minDelta)
{
    private double _best = double.PositiveInfinity;
    private int _wait;

    public bool ShouldStop(double loss, IModule model)
    {
        if (loss <= _best - minDelta)
        {
            _best = loss;
            _wait = 0;
        }
        else
        {
            _wait++;
        }
        return _wait >= patience;
    }
}
