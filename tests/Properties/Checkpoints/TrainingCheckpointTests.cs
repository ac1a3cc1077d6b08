using System.Text;
using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Checkpoints;

/// <summary>
/// Checkpoints of real models of both stacks: every layer type round-trips under PyTorch's <c>state_dict</c> names;
/// optimizer and generator state round-trip so the next step is bit-identical; truncated, lying and foreign files are
/// rejected with <see cref="InvalidDataException"/> and change nothing.
/// </summary>
public class TrainingCheckpointTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// <c>nn.Sequential(Linear(3, 4), ReLU(), BatchNorm1d(4), Dropout(0.5), Linear(4, 4, bias=False), Tanh(), Sigmoid(),
    /// Dropout2d(0.2), Linear(4, 2))</c>: every layer type (Dropout2d is only saved, never run: its input is 3-D or 4-D).
    /// </summary>
    private static IModule EveryLayer(IStack stack, TorchGenerator generator, int width = 4)
    {
        IModule[] layers =
        [
            stack.Linear(3, width, generator), stack.ReLU(), stack.BatchNorm1d(width), stack.Dropout(0.5, generator),
            stack.Linear(width, width, generator, bias: false), stack.Tanh(), stack.Sigmoid(), stack.Dropout2d(0.2, generator),
            stack.Linear(width, 2, generator),
        ];
        IModule model = stack.Sequential(layers);
        LayersOf.Add(model, layers);
        return model;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModule, IModule[]> LayersOf = new();

    /// <summary>What <c>model.state_dict().keys()</c> gives in PyTorch for <see cref="EveryLayer"/>.</summary>
    private static readonly string[] PyTorchNames =
    [
        "0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked",
        "4.weight", "8.weight", "8.bias",
    ];

    private static Tensor Input(int seed) => new TorchGenerator((ulong)seed).Randn(6, 3);

    /// <summary>Forward without Dropout2d (indices 0–6, then 8): train steps that move every parameter and buffer.</summary>
    private static void Steps(IModule model, IOptimizer optimizer, int count, int seed)
    {
        IModule[] layers = LayersOf.TryGetValue(model, out var found) ? found : throw new InvalidOperationException("not an EveryLayer model");
        for (int s = 0; s < count; s++)
        {
            Tensor x = Input(seed + s);
            for (int i = 0; i < layers.Length; i++) if (i != 7) x = layers[i].Forward(x);
            optimizer.ZeroGrad();
            Tensor g = Tensor.Full(0.1f, x.Shape);
            for (int i = layers.Length - 1; i >= 0; i--) if (i != 7) g = layers[i].Backward(g);
            optimizer.Step();
        }
    }

    private static IStatefulOptimizer MakeOptimizer(IStack stack, string kind, IModule model) => (IStatefulOptimizer)(kind switch
    {
        "SGD" => stack.SGD(model.Parameters(), 0.05),
        "SGD momentum" => stack.SGD(model.Parameters(), 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 1e-3),
        "SGD nesterov" => stack.SGD(model.Parameters(), 0.05, momentum: 0.9, nesterov: true),
        "Adam" => stack.Adam(model.Parameters(), lr: 1e-2, weightDecay: 1e-3),
        _ => stack.AdamW(model.Parameters(), lr: 1e-2),
    });

    private static string[] Bits(IModule model) =>
        model.NamedParameters().Select(p => p.Name + ":" + string.Join(",", p.Parameter.Value.Data.Select(BitConverter.SingleToInt32Bits)))
            .Concat(model.NamedBuffers().Select(b => b.Name + ":" + string.Join(",", b.Value.Data.Select(BitConverter.SingleToInt32Bits))))
            .ToArray();

    private static string Everything(IModule model, IStatefulOptimizer optimizer, TorchGenerator generator)
    {
        var state = optimizer.SaveState();
        var g = generator.SaveState();
        return string.Join("|", Bits(model)) + "#" + state.Step + string.Join("|", state.Tensors.Select(t =>
                   t.Name + ":" + string.Join(",", t.Value.Data.Select(BitConverter.SingleToInt32Bits))))
               + "#" + string.Join(",", g.Engine.Words) + "@" + g.Engine.Position + "~" + g.NextDoubleNormal + "~" + g.InitialSeed;
    }

    public static TheoryData<string, string> StacksAndOptimizers()
    {
        var data = new TheoryData<string, string>();
        foreach (string stack in Stacks.Names())
        {
            foreach (string kind in new[] { "SGD", "SGD momentum", "SGD nesterov", "Adam", "AdamW" }) data.Add(stack, kind);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StacksAndOptimizers))]
    public void Every_layer_type_and_optimizer_round_trips_so_the_next_step_is_bit_identical(string stackName, string kind)
    {
        IStack stack = Stacks.ByName(stackName);
        var generator = new TorchGenerator(3);
        IModule model = EveryLayer(stack, generator);
        var optimizer = MakeOptimizer(stack, kind, model);
        Steps(model, optimizer, 3, seed: 100);
        generator.NextNormal(0, 1); // leaves a cached Box–Muller value, which must survive too

        var contents = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(TrainingCheckpoint.Entries(model, optimizer, generator),
            new Dictionary<string, string> { [TrainingCheckpoint.OptimizerKey] = optimizer.GetType().Name }));
        var names = contents.Entries.Select(e => e.Name).ToArray();
        var modelNames = names.Where(n => !n.Contains("state.") && !n.StartsWith("generator."));
        Assert.Equal(PyTorchNames.Order(StringComparer.Ordinal), modelNames.Order(StringComparer.Ordinal));
        Assert.Equal(SafeTensorsType.I64, contents["2.num_batches_tracked"].Type);
        Assert.Equal([3L], contents["optim.state.0.step"].ToInt64s());
        if (kind.StartsWith("Adam", StringComparison.Ordinal))
        {
            Assert.Contains("optim.state.5.exp_avg", names);
            Assert.Contains("optim.state.5.exp_avg_sq", names);
        }
        Assert.Equal(kind is "SGD momentum" or "SGD nesterov", names.Contains("optim.state.0.momentum_buffer"));

        var freshGenerator = new TorchGenerator(999);
        IModule fresh = EveryLayer(stack, freshGenerator);
        var freshOptimizer = MakeOptimizer(stack, kind, fresh);
        TrainingCheckpoint.Apply(contents, fresh, freshOptimizer, freshGenerator, "memory");
        Assert.Equal(Everything(model, optimizer, generator), Everything(fresh, freshOptimizer, freshGenerator));

        // The next steps (dropout masks from the restored generator, moments from the restored optimizer) agree bit for bit.
        Steps(model, optimizer, 2, seed: 200);
        Steps(fresh, freshOptimizer, 2, seed: 200);
        Assert.Equal(Bits(model), Bits(fresh));
    }

    [Fact]
    public void A_model_saved_by_one_stack_loads_into_the_other_under_the_same_names()
    {
        var reference = EveryLayer(Stacks.ByName("reference"), new TorchGenerator(5));
        var optimized = EveryLayer(Stacks.ByName("optimized"), new TorchGenerator(6));
        Steps(reference, Stacks.ByName("reference").SGD(reference.Parameters(), 0.1), 2, seed: 7);
        ModelCheckpoint.Apply(SafeTensorsFile.Parse(SafeTensorsFile.Serialize(ModelCheckpoint.Entries(reference))), optimized, "memory");
        Assert.Equal(Bits(reference), Bits(optimized));
    }

    /// <summary>A saved training state of the every-layer model with Adam, and objects to load it into.</summary>
    private sealed record Scene(byte[] File, IModule Model, IStatefulOptimizer Optimizer, TorchGenerator Generator)
    {
        public static Scene Create(string stackName)
        {
            IStack stack = Stacks.ByName(stackName);
            var generator = new TorchGenerator(3);
            IModule model = EveryLayer(stack, generator);
            var optimizer = MakeOptimizer(stack, "Adam", model);
            Steps(model, optimizer, 2, seed: 1);
            byte[] file = SafeTensorsFile.Serialize(TrainingCheckpoint.Entries(model, optimizer, generator),
                new Dictionary<string, string> { [TrainingCheckpoint.OptimizerKey] = optimizer.GetType().Name });
            var targetGenerator = new TorchGenerator(77);
            IModule target = EveryLayer(stack, targetGenerator);
            var targetOptimizer = MakeOptimizer(stack, "Adam", target);
            Steps(target, targetOptimizer, 1, seed: 50);
            return new Scene(file, target, targetOptimizer, targetGenerator);
        }

        public string State => Everything(Model, Optimizer, Generator);

        public void Load(ReadOnlySpan<byte> bytes) => TrainingCheckpoint.Apply(SafeTensorsFile.Parse(bytes), Model, Optimizer, Generator, "memory");
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void A_checkpoint_truncated_at_any_of_a_sample_of_offsets_is_rejected_and_changes_nothing(string stackName)
    {
        var scene = Scene.Create(stackName);
        string before = scene.State;
        int headerEnd = 8 + (int)BitConverter.ToUInt64(scene.File, 0);
        // Every byte of the length field and the header, then 64 offsets spread over the data.
        var offsets = Enumerable.Range(0, headerEnd + 1)
            .Concat(Enumerable.Range(1, 64).Select(i => headerEnd + (int)((long)(scene.File.Length - headerEnd) * i / 65)))
            .Distinct().ToArray();
        foreach (int length in offsets)
        {
            var e = Assert.Throws<InvalidDataException>(() => scene.Load(scene.File.AsSpan(0, length)));
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
        Assert.Equal(before, scene.State);
        Assert.True(offsets.Length > 500, $"only {offsets.Length} truncations tried");
        output.WriteLine($"{stackName}: {offsets.Length} truncations of a {scene.File.Length}-byte checkpoint rejected.");
    }

    [Theory]
    [InlineData("\"generator.mt_state\":{\"dtype\":\"U32\",\"shape\":[624]", "\"generator.mt_state\":{\"dtype\":\"U32\",\"shape\":[623]",
        "needs 2492 bytes but its offsets span 2496")]
    [InlineData("\"generator.mt_state\":{\"dtype\":\"U32\"", "\"generator.mt_state\":{\"dtype\":\"F32\"", "'generator.mt_state' must be U32 [624]")]
    [InlineData("\"optim.state.0.exp_avg\":{\"dtype\":\"F32\",\"shape\":[4,3]", "\"optim.state.0.exp_avg\":{\"dtype\":\"F32\",\"shape\":[3,4]",
        "'0.exp_avg' has shape [3, 4] but its parameter's is [4, 3]")]
    [InlineData("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,3]", "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,4]",
        "'0.weight' has shape [3, 4] but the model's is [4, 3]")]
    [InlineData("\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,3]", "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,4]",
        "needs 64 bytes but its offsets span 48")]
    [InlineData("\"optimizer\":\"Adam\"", "\"optimizer\":\"SGDx\"", "holds the state of optimizer 'SGDx', not Adam")]
    public void A_header_that_lies_about_sizes_types_or_shapes_is_rejected_and_changes_nothing(string truth, string lie, string reason)
    {
        foreach (string stackName in Stacks.Names())
        {
            var scene = Scene.Create(stackName);
            string before = scene.State;
            byte[] lying = Replace(scene.File, truth, lie);
            var e = Assert.Throws<InvalidDataException>(() => scene.Load(lying));
            Assert.Contains(reason, e.Message);
            Assert.Equal(before, scene.State);
        }
    }

    [Fact]
    public void A_generator_state_out_of_range_is_rejected_and_changes_nothing()
    {
        var scene = Scene.Create("reference");
        var entries = SafeTensorsFile.Parse(scene.File).Entries.ToList();
        foreach (var (name, value, reason) in new[]
                 {
                     ("generator.mt_position", 625L, "must be in [0, 624]"),
                     ("generator.mt_position", -1L, "must be in [0, 624]"),
                     ("generator.has_next_double_normal", 2L, "must be 0 or 1"),
                     ("optim.state.0.step", 5L, "expected one equal 'optim.state.i.step'"),
                     ("optim.state.0.step", -1L, "step must be non-negative"),
                 })
        {
            string before = scene.State;
            var changed = entries.Select(e => e.Name == name ? SafeTensorsEntry.FromInt64(name, [value]) : e).ToList();
            if (value == -1 && name.EndsWith("step", StringComparison.Ordinal))
            {
                changed = changed.Select(e => e.Name.EndsWith(".step", StringComparison.Ordinal) ? SafeTensorsEntry.FromInt64(e.Name, [value]) : e)
                    .ToList();
            }
            byte[] file = SafeTensorsFile.Serialize(changed, SafeTensorsFile.Parse(scene.File).Metadata);
            Assert.Contains(reason, Assert.Throws<InvalidDataException>(() => scene.Load(file)).Message);
            Assert.Equal(before, scene.State);
        }
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void A_file_for_another_architecture_or_optimizer_is_rejected_and_changes_nothing(string stackName)
    {
        IStack stack = Stacks.ByName(stackName);
        var scene = Scene.Create(stackName);
        string before = scene.State;
        var contents = SafeTensorsFile.Parse(scene.File);

        // Wider hidden layers: every shape differs.
        var wide = EveryLayer(stack, new TorchGenerator(1), width: 5);
        var wideOptimizer = MakeOptimizer(stack, "Adam", wide);
        var g = new TorchGenerator(1);
        string wideBefore = Everything(wide, wideOptimizer, g);
        var e1 = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Apply(contents, wide, wideOptimizer, g, "memory"));
        Assert.Contains("does not fit this optimizer", e1.Message);
        Assert.Equal(wideBefore, Everything(wide, wideOptimizer, g));

        // Document 000's layout (Linear, ReLU, Dropout, Linear): other names, other count of parameters.
        var other = stack.Sequential(stack.Linear(3, 4, g), stack.ReLU(), stack.Dropout(0.4, g), stack.Linear(4, 2, g));
        var otherOptimizer = (IStatefulOptimizer)stack.Adam(other.Parameters());
        string otherBefore = Everything(other, otherOptimizer, g);
        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Apply(contents, other, otherOptimizer, g, "memory"));
        Assert.Equal(otherBefore, Everything(other, otherOptimizer, g));

        // Same model, same parameter count, different layer names: the optimizer fits, the model does not, and the
        // optimizer's state is put back.
        var renamed = stack.Sequential(stack.ReLU(), stack.Linear(3, 4, g), stack.BatchNorm1d(4), stack.Dropout(0.5, g),
            stack.Linear(4, 4, g, bias: false), stack.Tanh(), stack.Sigmoid(), stack.Dropout2d(0.2, g), stack.Linear(4, 2, g));
        var renamedOptimizer = (IStatefulOptimizer)stack.Adam(renamed.Parameters(), lr: 1e-2);
        Steps2(renamed, renamedOptimizer);
        string renamedBefore = Everything(renamed, renamedOptimizer, g);
        Assert.Contains("missing", Assert.Throws<InvalidDataException>(() =>
            TrainingCheckpoint.Apply(contents, renamed, renamedOptimizer, g, "memory")).Message);
        Assert.Equal(renamedBefore, Everything(renamed, renamedOptimizer, g));

        // The right model with AdamW instead of Adam.
        var adamW = (IStatefulOptimizer)stack.AdamW(scene.Model.Parameters());
        Assert.Contains("not AdamW", Assert.Throws<InvalidDataException>(() =>
            TrainingCheckpoint.Apply(contents, scene.Model, adamW, scene.Generator, "memory")).Message);
        Assert.Equal(before, scene.State);
    }

    private static void Steps2(IModule model, IOptimizer optimizer)
    {
        foreach (var p in optimizer.Parameters) Array.Fill(p.Grad.Data, 0.5f);
        optimizer.Step();
    }

    [Fact]
    public void Save_and_load_through_a_file_is_atomic_and_leaves_no_temporary()
    {
        string folder = Directory.CreateTempSubdirectory("training-checkpoint").FullName;
        try
        {
            var stack = Stacks.ByName("optimized");
            var generator = new TorchGenerator(3);
            var model = EveryLayer(stack, generator);
            var optimizer = MakeOptimizer(stack, "AdamW", model);
            string path = Path.Combine(folder, "run.safetensors");
            TrainingCheckpoint.Save(path, model, optimizer, generator);
            TrainingCheckpoint.Save(path, model, optimizer, generator);
            Assert.Equal(["run.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName));
            var g2 = new TorchGenerator(1);
            var m2 = EveryLayer(stack, g2);
            var o2 = MakeOptimizer(stack, "AdamW", m2);
            TrainingCheckpoint.Load(path, m2, o2, g2);
            Assert.Equal(Everything(model, optimizer, generator), Everything(m2, o2, g2));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] Replace(byte[] file, string truth, string lie)
    {
        Assert.Equal(truth.Length, lie.Length);
        string latin = Encoding.Latin1.GetString(file);
        int at = latin.IndexOf(truth, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{truth}' not in the header: {latin[..Math.Min(latin.Length, 400)]}");
        byte[] copy = (byte[])file.Clone();
        Encoding.Latin1.GetBytes(lie).CopyTo(copy, at);
        return copy;
    }
}
