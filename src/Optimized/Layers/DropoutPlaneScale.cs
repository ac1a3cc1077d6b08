using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Verification.Optimized;

/// <summary>
/// Channel dropout's pass over the planes: <c>y[q·P + k] = x[q·P + k] · (bit q of mask ? s : 0)</c> for each of the
/// planes q (P elements each), as TensorPrimitives' multiply by a scalar. Memory-bound (4 B read and 4 B written per
/// element), so large inputs are cut into pieces of whole planes, about 1 MB of x each, shared with the helper thread
/// (<see cref="HelperThread"/>): one core alone does not reach the machine's copy bandwidth. The cut depends on the
/// shape only, and each element is one multiply, so the thread count never changes a bit. One instance per layer,
/// re-armed per call: nothing is allocated per step.
/// </summary>
internal sealed class DropoutPlaneScale : IPiecewiseJob
{
    private const int ElementsPerPiece = 1 << 18;
    private float[] _x = [], _y = [];
    private ulong[] _mask = [];
    private int _planes, _planeLength, _pieces;
    private float _scale;

    /// <inheritdoc/>
    public int Pieces => _pieces;

    /// <summary>Scales <paramref name="planes"/> planes of <paramref name="x"/> into <paramref name="y"/>, both of the same length.</summary>
    public void Run(float[] x, ulong[] mask, int planes, float scale, float[] y)
    {
        _x = x;
        _y = y;
        _mask = mask;
        _planes = planes;
        _planeLength = x.Length / planes;
        _scale = scale;
        _pieces = Math.Clamp(x.Length / ElementsPerPiece, 1, planes);
        try
        {
            HelperThread.Run(this);
        }
        finally
        {
            _x = _y = [];
            _mask = [];
        }
    }

    /// <inheritdoc/>
    public void Execute(int piece)
    {
        int first = (int)((long)piece * _planes / _pieces), end = (int)((long)(piece + 1) * _planes / _pieces);
        for (int q = first; q < end; q++)
        {
            float noise = (_mask[q >> 6] >> (q & 63) & 1) != 0 ? _scale : 0f;
            TensorPrimitives.Multiply(_x.AsSpan(q * _planeLength, _planeLength), noise, _y.AsSpan(q * _planeLength, _planeLength));
        }
    }
}
