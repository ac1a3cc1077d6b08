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

    /// <summary>Adam's and AdamW's state: the step and, per parameter, copies of <c>exp_avg</c> (m) and <c>exp_avg_sq</c> (v).</summary>
    public static OptimizerState AdamMoments(long step, IReadOnlyList<Tensor> expAvg, IReadOnlyList<Tensor> expAvgSq)
    {
        var tensors = new List<NamedBuffer>(2 * expAvg.Count);
        for (int p = 0; p < expAvg.Count; p++)
        {
            tensors.Add(new NamedBuffer(Name(p, "exp_avg"), expAvg[p].Clone()));
            tensors.Add(new NamedBuffer(Name(p, "exp_avg_sq"), expAvgSq[p].Clone()));
        }
        return new OptimizerState(step, tensors);
    }

    /// <summary>
    /// Checks an Adam-style <paramref name="state"/> against <paramref name="parameters"/> (see <see cref="Match"/>),
    /// then copies its moments into <paramref name="expAvg"/> and <paramref name="expAvgSq"/>; returns its step.
    /// Nothing is written when the check fails.
    /// </summary>
    public static long LoadAdamMoments(OptimizerState state, IReadOnlyList<Parameter> parameters, IReadOnlyList<Tensor> expAvg,
        IReadOnlyList<Tensor> expAvgSq, string argumentName)
    {
        var expected = new List<(string, int[])>(2 * parameters.Count);
        for (int p = 0; p < parameters.Count; p++)
        {
            expected.Add((Name(p, "exp_avg"), parameters[p].Value.Shape));
            expected.Add((Name(p, "exp_avg_sq"), parameters[p].Value.Shape));
        }
        float[][] values = Match(state, expected, argumentName);
        for (int p = 0; p < parameters.Count; p++)
        {
            values[2 * p].CopyTo(expAvg[p].Data, 0);
            values[2 * p + 1].CopyTo(expAvgSq[p].Data, 0);
        }
        return state.Step;
    }
}
