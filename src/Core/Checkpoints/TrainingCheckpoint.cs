using Verification.Core.Random;

namespace Verification.Core.Checkpoints;

/// <summary>
/// Everything a training run needs to continue bit for bit, in ONE safetensors file: the model's <c>state_dict</c>
/// (names as <see cref="ModelCheckpoint"/> writes them: <c>0.weight</c>, <c>1.running_mean</c>, …), the optimizer's
/// state (PyTorch's <c>optimizer.state_dict()["state"]</c> flattened: <c>optim.state.0.exp_avg</c>,
/// <c>optim.state.0.exp_avg_sq</c>, <c>optim.state.0.momentum_buffer</c> as F32, <c>optim.state.0.step</c> as an I64
/// scalar per parameter) and the generator's state (<c>generator.mt_state</c>: U32 [624]; <c>generator.mt_position</c>,
/// <c>generator.initial_seed</c> (the 64 seed bits), <c>generator.has_next_double_normal</c> (0 or 1) and
/// <c>generator.next_double_normal</c> (the IEEE-754 bits of the cached Box–Muller value): I64 scalars).
/// The metadata names the optimizer's type, so an Adam state is not loaded into AdamW. Writes are atomic
/// (<see cref="AtomicFile"/>); a load checks everything before it changes anything.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>Prefix of the optimizer's entries.</summary>
    public const string OptimizerPrefix = "optim.state.";

    /// <summary>Prefix of the generator's entries.</summary>
    public const string GeneratorPrefix = "generator.";

    /// <summary>Metadata key naming the optimizer type (<c>Adam</c>, <c>AdamW</c>, <c>SGD</c>).</summary>
    public const string OptimizerKey = "optimizer";

    private const string StepKey = "step";
    private const string MtState = GeneratorPrefix + "mt_state";
    private const string MtPosition = GeneratorPrefix + "mt_position";
    private const string InitialSeed = GeneratorPrefix + "initial_seed";
    private const string HasNextNormal = GeneratorPrefix + "has_next_double_normal";
    private const string NextNormal = GeneratorPrefix + "next_double_normal";

    /// <summary>The file's entries: model, then optimizer, then generator.</summary>
    public static IReadOnlyList<SafeTensorsEntry> Entries(IModule model, IStatefulOptimizer optimizer, TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        var entries = new List<SafeTensorsEntry>(ModelCheckpoint.Entries(model));
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal) || entry.Name.StartsWith(GeneratorPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"model tensor '{entry.Name}' uses a prefix reserved for the training state.", nameof(model));
            }
        }

        OptimizerState state = optimizer.SaveState();
        for (int i = 0; i < optimizer.Parameters.Count; i++)
        {
            entries.Add(SafeTensorsEntry.FromInt64(OptimizerPrefix + OptimizerStates.Name(i, StepKey), [state.Step], []));
        }
        foreach (var (name, value) in state.Tensors)
        {
            entries.Add(SafeTensorsEntry.FromTensor(OptimizerPrefix + name, value));
        }

        TorchGeneratorState g = generator.SaveState();
        entries.Add(SafeTensorsEntry.FromUInt32(MtState, g.Engine.Words, [g.Engine.Words.Length]));
        entries.Add(SafeTensorsEntry.FromInt64(MtPosition, [g.Engine.Position], []));
        entries.Add(SafeTensorsEntry.FromInt64(InitialSeed, [unchecked((long)g.InitialSeed)], []));
        entries.Add(SafeTensorsEntry.FromInt64(HasNextNormal, [g.NextDoubleNormal.HasValue ? 1 : 0], []));
        entries.Add(SafeTensorsEntry.FromInt64(NextNormal, [BitConverter.DoubleToInt64Bits(g.NextDoubleNormal ?? 0.0)], []));
        return entries;
    }

    /// <summary>Writes model, optimizer and generator state to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, IModule model, IStatefulOptimizer optimizer, TorchGenerator generator)
    {
        var entries = Entries(model, optimizer, generator);
        SafeTensorsFile.Write(path, entries, new Dictionary<string, string> { [OptimizerKey] = optimizer.GetType().Name });
    }

    /// <summary>
    /// Loads a file written by <see cref="Save"/> for the same architecture and optimizer type. A truncated, oversized
    /// or mismatched file gets an <see cref="InvalidDataException"/> naming the problem, and model, optimizer and
    /// generator are left unchanged.
    /// </summary>
    public static void Load(string path, IModule model, IStatefulOptimizer optimizer, TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        Apply(SafeTensorsFile.Read(path), model, optimizer, generator, path);
    }

    /// <summary>Checks <paramref name="contents"/> against model, optimizer and generator and, only if all fit, copies it in.</summary>
    public static void Apply(SafeTensorsContents contents, IModule model, IStatefulOptimizer optimizer, TorchGenerator generator, string source)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(generator);
        string kind = optimizer.GetType().Name;
        if (!contents.Metadata.TryGetValue(OptimizerKey, out string? saved) || saved != kind)
        {
            throw new InvalidDataException($"'{source}' holds the state of optimizer '{saved ?? "(none)"}', not {kind}.");
        }

        var modelEntries = new List<SafeTensorsEntry>();
        var optimizerEntries = new List<SafeTensorsEntry>();
        var generatorEntries = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        foreach (var entry in contents.Entries)
        {
            if (entry.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizerEntries.Add(entry);
            else if (entry.Name.StartsWith(GeneratorPrefix, StringComparison.Ordinal)) generatorEntries.Add(entry.Name, entry);
            else modelEntries.Add(entry);
        }

        TorchGeneratorState generatorState = ReadGenerator(generatorEntries, source);
        OptimizerState optimizerState = ReadOptimizer(optimizerEntries, optimizer.Parameters.Count, source);

        // Optimizer first (it validates before changing anything), then the model; if the model does not fit, the
        // optimizer gets its old state back, so a rejected file changes nothing.
        OptimizerState previous = optimizer.SaveState();
        try
        {
            optimizer.LoadState(optimizerState);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{source}' does not fit this optimizer: {e.Message}", e);
        }
        try
        {
            ModelCheckpoint.Apply(new SafeTensorsContents(modelEntries, contents.Metadata), model, source);
        }
        catch
        {
            optimizer.LoadState(previous);
            throw;
        }
        generator.RestoreState(generatorState);
    }

    private static OptimizerState ReadOptimizer(List<SafeTensorsEntry> entries, int parameterCount, string source)
    {
        var steps = new Dictionary<int, long>();
        var tensors = new List<NamedBuffer>();
        foreach (var entry in entries)
        {
            string name = entry.Name[OptimizerPrefix.Length..];
            if (name.EndsWith("." + StepKey, StringComparison.Ordinal))
            {
                string index = name[..^(StepKey.Length + 1)];
                if (entry.Type != SafeTensorsType.I64 || entry.Shape.Length != 0
                    || !int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i)
                    || i >= parameterCount)
                {
                    throw new InvalidDataException($"'{source}': '{entry.Name}' must be an I64 scalar of a parameter index below {parameterCount}.");
                }
                steps[i] = entry.ToInt64s()[0];
                continue;
            }
            if (entry.Type != SafeTensorsType.F32)
            {
                throw new InvalidDataException($"'{source}': '{entry.Name}' is {entry.Type}, expected F32.");
            }
            tensors.Add(new NamedBuffer(name, new Tensor(entry.ToFloats(), entry.Shape)));
        }
        if (steps.Count != parameterCount || steps.Values.Distinct().Count() > 1)
        {
            throw new InvalidDataException(
                $"'{source}': expected one equal '{OptimizerPrefix}i.{StepKey}' for each of {parameterCount} parameters, " +
                $"got {steps.Count} with values [{string.Join(", ", steps.Values.Distinct())}].");
        }
        return new OptimizerState(parameterCount == 0 ? 0 : steps.Values.First(), tensors);
    }

    private static TorchGeneratorState ReadGenerator(Dictionary<string, SafeTensorsEntry> entries, string source)
    {
        string[] names = [MtState, MtPosition, InitialSeed, HasNextNormal, NextNormal];
        var missing = names.Where(n => !entries.ContainsKey(n)).ToArray();
        var unexpected = entries.Keys.Where(n => !names.Contains(n)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
        {
            throw new InvalidDataException(
                $"'{source}': generator state missing [{string.Join(", ", missing)}]; unexpected [{string.Join(", ", unexpected)}].");
        }
        var words = entries[MtState];
        if (words.Type != SafeTensorsType.U32 || !words.Shape.AsSpan().SequenceEqual([MersenneTwister.StateSize]))
        {
            throw new InvalidDataException(
                $"'{source}': '{MtState}' must be U32 [{MersenneTwister.StateSize}], got {words.Type} {Shapes.Format(words.Shape)}.");
        }
        long position = Scalar(entries[MtPosition], source);
        if (position < 0 || position > MersenneTwister.StateSize)
        {
            throw new InvalidDataException($"'{source}': '{MtPosition}' must be in [0, {MersenneTwister.StateSize}], got {position}.");
        }
        long hasNext = Scalar(entries[HasNextNormal], source);
        if (hasNext is not (0 or 1))
        {
            throw new InvalidDataException($"'{source}': '{HasNextNormal}' must be 0 or 1, got {hasNext}.");
        }
        double? next = hasNext == 1 ? BitConverter.Int64BitsToDouble(Scalar(entries[NextNormal], source)) : null;
        ulong seed = unchecked((ulong)Scalar(entries[InitialSeed], source));
        return new TorchGeneratorState(new MersenneTwisterState(words.ToUInt32s(), (int)position), next, seed);
    }

    private static long Scalar(SafeTensorsEntry entry, string source)
    {
        if (entry.Type != SafeTensorsType.I64 || entry.Shape.Length != 0)
        {
            throw new InvalidDataException($"'{source}': '{entry.Name}' must be an I64 scalar, got {entry.Type} {Shapes.Format(entry.Shape)}.");
        }
        return entry.ToInt64s()[0];
    }
}
