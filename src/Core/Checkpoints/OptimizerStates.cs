namespace Verification.Core.Checkpoints;

/// <summary>
/// The check every <see cref="IStatefulOptimizer.LoadState"/> runs before it changes anything: the state's step is
/// non-negative and its tensors are exactly the expected names, each with the expected shape.
/// </summary>
public static class OptimizerStates
{
    /// <summary>The name of parameter <paramref name="index"/>'s state tensor <paramref name="key"/>, e.g. <c>0.exp_avg</c>.</summary>
    public static string Name(int index, string key) => $"{index}.{key}";

    /// <summary>
    /// Checks <paramref name="state"/> against <paramref name="expected"/> (name and shape of each tensor, in the order
    /// wanted) and returns copies of the values in that order; throws an <see cref="ArgumentException"/> on
    /// <paramref name="argumentName"/> naming the first difference.
    /// </summary>
    public static float[][] Match(OptimizerState state, IReadOnlyList<(string Name, int[] Shape)> expected, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(state, argumentName);
        ArgumentNullException.ThrowIfNull(expected);
        if (state.Step < 0)
        {
            throw new ArgumentException($"optimizer state: step must be non-negative, got {state.Step}.", argumentName);
        }
        ArgumentNullException.ThrowIfNull(state.Tensors, argumentName);
        var given = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in state.Tensors)
        {
            if (name is null || value is null || !given.TryAdd(name, value))
            {
                throw new ArgumentException($"optimizer state: tensor names must be non-null and distinct, got '{name}'.", argumentName);
            }
        }
        var wanted = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(n => !given.ContainsKey(n)).Order(StringComparer.Ordinal).ToArray();
        var unexpected = given.Keys.Where(n => !wanted.Contains(n)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
        {
            throw new ArgumentException(
                $"optimizer state (step {state.Step}) does not fit this optimizer: missing [{string.Join(", ", missing)}]; " +
                $"unexpected [{string.Join(", ", unexpected)}].", argumentName);
        }
        var values = new float[expected.Count][];
        for (int i = 0; i < expected.Count; i++)
        {
            var (name, shape) = expected[i];
            Tensor value = given[name];
            if (!value.HasShape(shape))
            {
                throw new ArgumentException(
                    $"optimizer state: '{name}' has shape {value.ShapeText} but its parameter's is {Shapes.Format(shape)}.", argumentName);
            }
            values[i] = (float[])value.Data.Clone();
        }
        return values;
    }
}
