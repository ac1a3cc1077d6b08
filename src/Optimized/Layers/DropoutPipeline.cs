using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// Dropout's forward on two threads. The draw is sequential (each element's two Mersenne Twister words follow the
/// previous element's), the masked multiply is not, so they overlap: piece 0 draws the keep bits a block at a time and
/// publishes how many blocks are done; piece k ≥ 1 waits for block k − 1's bits and multiplies it,
/// <c>y = x·(kept ? s : 0)</c> (<see cref="KeptScale"/>). Pieces are claimed in order (<see cref="HelperThread"/>), so
/// whichever thread takes piece 0 draws while the other multiplies one block behind; a late helper leaves both to the
/// caller, which then draws every block before multiplying. The bits and values are those of the fused one-thread pass
/// (<see cref="FastMersenneTwister.BernoulliMasked{TOp}"/>): the same words in the same order, the same multiply.
/// One instance per layer, re-armed per call: nothing is allocated per step.
/// </summary>
internal sealed class DropoutPipeline : IPiecewiseJob
{
    /// <summary>Elements per block: 256 KiB of x, 1,024 mask words.</summary>
    internal const int BlockElements = 1 << 16;

    private MersenneTwister? _engine;
    private float[] _x = [], _y = [];
    private ulong[] _mask = [];
    private double _keep;
    private float _scale;
    private int _blocks;
    private int _drawn;

    /// <inheritdoc/>
    public int Pieces => _blocks + 1;

    /// <summary>Whether <paramref name="count"/> elements are worth two threads: at least two blocks and a second core allowed.</summary>
    public static bool Pays(int count) =>
        count >= 2 * BlockElements && Parallelism.MaxDegreeOfParallelism >= 2 && Environment.ProcessorCount >= 2;

    /// <summary>
    /// Bit i of <paramref name="mask"/> = (the i-th next double uniform &lt; <paramref name="keep"/>) and
    /// <c>y[i] = x[i]·(bit i ? scale : 0)</c> for i &lt; x.Length.
    /// </summary>
    public void Run(MersenneTwister engine, double keep, ulong[] mask, float scale, float[] x, float[] y)
    {
        _engine = engine;
        _keep = keep;
        _mask = mask;
        _scale = scale;
        _x = x;
        _y = y;
        _blocks = (x.Length + BlockElements - 1) / BlockElements;
        Volatile.Write(ref _drawn, 0);
        try
        {
            HelperThread.Run(this);
        }
        finally
        {
            _engine = null;
            _x = _y = [];
            _mask = [];
        }
    }

    /// <inheritdoc/>
    public void Execute(int piece)
    {
        if (piece == 0)
        {
            Draw();
            return;
        }
        int block = piece - 1;
        var spin = new SpinWait();
        while (Volatile.Read(ref _drawn) <= block)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
        int start = block * BlockElements, length = Math.Min(BlockElements, _x.Length - start);
        Dropout.ApplyMask(_x.AsSpan(start, length), _mask.AsSpan(start / 64), _scale, _y.AsSpan(start, length));
    }

    private void Draw()
    {
        try
        {
            for (int block = 0; block < _blocks; block++)
            {
                int start = block * BlockElements, length = Math.Min(BlockElements, _x.Length - start);
                FastMersenneTwister.BernoulliBits(_engine!, _keep, _mask.AsSpan(start / 64), length);
                Volatile.Write(ref _drawn, block + 1);
            }
        }
        finally
        {
            // A failed draw still releases the waiting pieces; HelperThread rethrows the failure after they finish.
            Volatile.Write(ref _drawn, _blocks);
        }
    }
}
