using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.Reliability;

/// <summary>How the elements of an arbitrary tensor are filled.</summary>
public enum Fill
{
    /// <summary>Finite values in [−3, 3].</summary>
    Finite,

    /// <summary>Finite values with NaN sprinkled in.</summary>
    WithNaN,

    /// <summary>Finite values with +∞ and −∞ sprinkled in.</summary>
    WithInfinity,

    /// <summary>±3e38, near float's largest.</summary>
    Huge,

    /// <summary>Integers in [−1, 4]: class indices, some out of range.</summary>
    ClassIndices,

    /// <summary>Halves (0.5, 1.5, …): not class indices.</summary>
    Halves,
}

/// <summary>
/// One draw of arbitrary arguments for every entry point: doubles and ints from pools rich in NaN, ±∞, negatives,
/// zeros and huge values; two tensors of arbitrary rank and shape (empty ones too) and fill; a flag; a seed for values.
/// </summary>
public sealed record BadArgs(
    double D1, double D2, double D3, double D4, int I1, int I2, int[] S1, int[] S2, Fill F1, Fill F2, bool Flag, int Seed)
{
    /// <summary>A tensor of shape <see cref="S1"/> filled as <see cref="F1"/>.</summary>
    public Tensor T1 => Make(S1, F1, Seed);

    /// <summary>A tensor of shape <see cref="S2"/> filled as <see cref="F2"/>.</summary>
    public Tensor T2 => Make(S2, F2, Seed + 1);

    /// <summary>The shapes as FsCheck prints them.</summary>
    public override string ToString() =>
        $"D=({D1}, {D2}, {D3}, {D4}) I=({I1}, {I2}) S1={Shapes.Format(S1)} {F1} S2={Shapes.Format(S2)} {F2} flag={Flag} seed={Seed}";

    /// <summary>A tensor of <paramref name="shape"/> with values of the given kind, reproducible from the seed.</summary>
    public static Tensor Make(int[] shape, Fill fill, int seed)
    {
        var t = new Tensor(shape);
        var random = new System.Random(seed);
        for (int i = 0; i < t.Length; i++)
        {
            float finite = (float)(random.NextDouble() * 6 - 3);
            t.Data[i] = fill switch
            {
                Fill.Finite => finite,
                Fill.WithNaN => i % 3 == 0 ? float.NaN : finite,
                Fill.WithInfinity => i % 3 == 0 ? (i % 2 == 0 ? float.PositiveInfinity : float.NegativeInfinity) : finite,
                Fill.Huge => random.Next(2) == 0 ? 3e38f : -3e38f,
                Fill.ClassIndices => random.Next(-1, 5),
                _ => random.Next(0, 4) + 0.5f,
            };
        }
        return t;
    }
}

/// <summary>
/// What one call may change: the modules, optimizers, tensors and the generator it was given. A snapshot is every bit
/// of every parameter value and gradient, buffer, optimizer state tensor and step, tensor element, and the generator's
/// words, position, cached normal and seed.
/// </summary>
public sealed class BadInputWorld(IStack stack)
{
    /// <summary>The stack under test.</summary>
    public IStack Stack { get; } = stack;

    /// <summary>The generator every layer and loader of this world draws from.</summary>
    public TorchGenerator Generator { get; } = new(20240607);

    private readonly List<IModule> _modules = [];
    private readonly List<IOptimizer> _optimizers = [];
    private readonly List<Tensor> _tensors = [];
    private readonly List<Func<IEnumerable<long>>> _probes = [];

    /// <summary>Registers a module whose parameters, gradients and buffers must survive a rejected call.</summary>
    public T Keep<T>(T module) where T : IModule
    {
        _modules.Add(module);
        return module;
    }

    /// <summary>Registers an optimizer whose state must survive a rejected call.</summary>
    public IOptimizer Keep(IOptimizer optimizer)
    {
        _optimizers.Add(optimizer);
        return optimizer;
    }

    /// <summary>Registers a tensor whose elements must survive a rejected call.</summary>
    public Tensor Keep(Tensor tensor)
    {
        _tensors.Add(tensor);
        return tensor;
    }

    /// <summary>Registers other state a rejected call must leave as it was (counters of a stateful helper).</summary>
    public void Keep(Func<IEnumerable<long>> probe) => _probes.Add(probe);

    /// <summary>Every bit that a rejected call must leave as it was.</summary>
    public long[] Snapshot()
    {
        var bits = new List<long>();
        void Add(Tensor t)
        {
            bits.Add(t.Length);
            foreach (float v in t.Data) bits.Add(BitConverter.SingleToInt32Bits(v));
        }
        foreach (var module in _modules)
        {
            foreach (var (_, p) in module.NamedParameters())
            {
                Add(p.Value);
                Add(p.Grad);
            }
            foreach (var (_, b) in module.NamedBuffers()) Add(b);
            bits.Add(module.IsTraining ? 1 : 0);
        }
        foreach (var optimizer in _optimizers)
        {
            foreach (var p in optimizer.Parameters)
            {
                Add(p.Value);
                Add(p.Grad);
            }
            if (optimizer is IStatefulOptimizer stateful)
            {
                var state = stateful.SaveState();
                bits.Add(state.Step);
                foreach (var (_, t) in state.Tensors) Add(t);
            }
        }
        foreach (var t in _tensors) Add(t);
        foreach (var probe in _probes) bits.AddRange(probe());
        var g = Generator.SaveState();
        foreach (uint w in g.Engine.Words) bits.Add(w);
        bits.Add(g.Engine.Position);
        bits.Add(g.NextDoubleNormal is double d ? BitConverter.DoubleToInt64Bits(d) : -1);
        bits.Add(unchecked((long)g.InitialSeed));
        return bits.ToArray();
    }
}
