namespace Verification.Core.Checkpoints;

/// <summary>
/// Saves and loads a model's <c>state_dict</c> — parameters and buffers under PyTorch's names (<c>0.weight</c>,
/// <c>1.running_mean</c>, …) — as a safetensors file that <c>safetensors.torch.load_file</c> reads and
/// <c>model.load_state_dict</c> accepts for the same <c>nn.Sequential</c>. Float tensors are F32; BatchNorm's
/// <c>num_batches_tracked</c> is an I64 scalar, as in PyTorch.
/// </summary>
public static class ModelCheckpoint
{
    private const string CounterSuffix = "num_batches_tracked";

    /// <summary>The model's state as safetensors entries, in <c>state_dict</c> order (parameters, then buffers).</summary>
    public static IReadOnlyList<SafeTensorsEntry> Entries(IModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entries = new List<SafeTensorsEntry>();
        foreach (var (name, parameter) in model.NamedParameters())
        {
            entries.Add(SafeTensorsEntry.FromTensor(name, parameter.Value));
        }
        foreach (var (name, value) in model.NamedBuffers())
        {
            entries.Add(IsCounter(name)
                ? SafeTensorsEntry.FromInt64(name, value.Data.Select(v => (long)v).ToArray(), CounterShape(value))
                : SafeTensorsEntry.FromTensor(name, value));
        }
        return entries;
    }

    /// <summary>Writes the model's state to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, IModule model, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsFile.Write(path, Entries(model), metadata);

    /// <summary>
    /// Loads a file written for the same architecture. Every name must match, with the same shape and type; on any
    /// mismatch an <see cref="InvalidDataException"/> lists what differs and the model is left unchanged.
    /// </summary>
    public static void Load(string path, IModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Apply(SafeTensorsFile.Read(path), model, path);
    }

    /// <summary>Checks <paramref name="contents"/> against the model and, only if everything matches, copies it in.</summary>
    public static void Apply(SafeTensorsContents contents, IModule model, string source)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(model);
        var targets = model.NamedParameters().Select(p => (p.Name, Tensor: p.Parameter.Value))
            .Concat(model.NamedBuffers().Select(b => (b.Name, Tensor: b.Value))).ToArray();
        var fileNames = contents.Entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var modelNames = targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = modelNames.Except(fileNames).ToArray();
        var unexpected = fileNames.Except(modelNames).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
        {
            throw new InvalidDataException(
                $"'{source}' does not fit this model: missing {Describe(missing)}; unexpected {Describe(unexpected)}.");
        }

        var values = new List<(Tensor Target, float[] Values)>();
        foreach (var (name, tensor) in targets)
        {
            var entry = contents[name];
            float[] data;
            if (IsCounter(name) && entry.Type == SafeTensorsType.I64)
            {
                data = entry.ToInt64s().Select(v => (float)v).ToArray();
                if (data.Length != tensor.Length)
                {
                    throw new InvalidDataException($"'{source}': '{name}' holds {data.Length} values, the model {tensor.Length}.");
                }
            }
            else
            {
                if (entry.Type != SafeTensorsType.F32)
                {
                    throw new InvalidDataException($"'{source}': '{name}' is {entry.Type}, expected F32.");
                }
                if (!entry.Shape.AsSpan().SequenceEqual(tensor.Shape))
                {
                    throw new InvalidDataException(
                        $"'{source}': '{name}' has shape {Shapes.Format(entry.Shape)} but the model's is {tensor.ShapeText}.");
                }
                data = entry.ToFloats();
            }
            values.Add((tensor, data));
        }
        foreach (var (target, data) in values)
        {
            data.CopyTo(target.Data, 0);
        }
    }

    private static bool IsCounter(string name) => name == CounterSuffix || name.EndsWith("." + CounterSuffix, StringComparison.Ordinal);

    private static int[] CounterShape(Tensor value) => value.Length == 1 ? [] : value.Shape;

    private static string Describe(string[] names) => names.Length == 0 ? "nothing" : string.Join(", ", names.Order(StringComparer.Ordinal));
}
