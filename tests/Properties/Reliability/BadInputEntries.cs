using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Training;

namespace Verification.Properties.Reliability;

/// <summary>
/// One public entry point driven with arbitrary arguments. <see cref="Prepare"/> builds valid subjects in the world
/// (registering what a rejected call must leave untouched) and returns the call itself. <see cref="Documented"/> lists
/// the exception types besides the Argument* family that this entry may throw, each for a documented reason.
/// <see cref="MustReject"/>, where given, is the specification: the arguments for which the call must throw.
/// </summary>
public sealed record BadInputEntry(
    string Name, Func<BadInputWorld, BadArgs, Action> Prepare, Func<BadArgs, bool>? MustReject = null, params Type[] Documented);

/// <summary>Every entry point of Core, Reference and Optimized that takes arguments, as <see cref="BadInputEntry"/> rows.</summary>
public static class BadInputEntries
{
    private static readonly Type BeforeForward = typeof(InvalidOperationException);

    /// <summary>A (4, 3) input every 3-feature layer accepts.</summary>
    private static Tensor ValidInput() => BadArgs.Make([4, 3], Fill.Finite, 5);

    private static bool IsMatrix(Tensor t, int columns) => t.Rank == 2 && t.Size(1) == columns;

    private static bool IsProbability(double p) => p >= 0 && p <= 1;

    private static IModule Small(BadInputWorld w) =>
        w.Stack.Sequential(w.Stack.Linear(3, 4, w.Generator), w.Stack.ReLU(), w.Stack.Dropout(0.3, w.Generator), w.Stack.Linear(4, 2, w.Generator));

    /// <summary>The layers every Forward/Backward row runs, by name, built from the world's stack and generator.</summary>
    private static readonly (string Name, Func<BadInputWorld, IModule> Make, Func<Tensor, bool, bool> RejectsForward)[] Layers =
    [
        ("Linear(3, 2)", w => w.Stack.Linear(3, 2, w.Generator), (x, _) => !IsMatrix(x, 3)),
        ("Linear(3, 2, bias: false)", w => w.Stack.Linear(3, 2, w.Generator, bias: false), (x, _) => !IsMatrix(x, 3)),
        ("ReLU", w => w.Stack.ReLU(), (_, _) => false),
        ("Sigmoid", w => w.Stack.Sigmoid(), (_, _) => false),
        ("Tanh", w => w.Stack.Tanh(), (_, _) => false),
        ("Dropout(0.5)", w => w.Stack.Dropout(0.5, w.Generator), (_, _) => false),
        ("Dropout(1)", w => w.Stack.Dropout(1, w.Generator), (_, _) => false),
        ("Dropout2d(0.5)", w => w.Stack.Dropout2d(0.5, w.Generator), (x, _) => x.Rank is not (3 or 4)),
        // The Optimized BatchNorm1d also takes PyTorch's (N, C, L); the Reference only (N, C). Both must refuse the rest.
        ("BatchNorm1d(3)", w => w.Stack.BatchNorm1d(3), (x, eval) =>
            x.Rank is not (2 or 3) || x.Size(1) != 3 || (!eval && x.Size(0) * (x.Rank == 3 ? x.Size(2) : 1) <= 1)),
        ("Sequential(Linear, ReLU, Dropout, Linear)", Small, (x, _) => !IsMatrix(x, 3)),
        ("DropConnect(3, 2, 0.5)", w => w.Stack.DropConnect(3, 2, 0.5, w.Generator), (x, _) => !IsMatrix(x, 3)),
        ("StochasticDepth(0.5, row)", w => w.Stack.StochasticDepth(0.5, "row", w.Generator), (x, _) => x.Rank == 0),
        ("Residual(StochasticDepth(1, batch))", w => w.Stack.Residual(w.Stack.StochasticDepth(1, "batch", w.Generator)), (x, _) => x.Rank == 0),
    ];

    /// <summary>Every row.</summary>
    public static IReadOnlyList<BadInputEntry> All()
    {
        var rows = new List<BadInputEntry>();

        // ---- Core: Tensor ----
        rows.Add(new("new Tensor(int, int)", (w, a) => () => _ = new Tensor(a.I1, a.I2),
            a => a.I1 < 0 || a.I2 < 0 || (long)a.I1 * a.I2 > Array.MaxLength));
        rows.Add(new("new Tensor(float[], shape)", (w, a) => () => _ = new Tensor(new float[Math.Clamp(a.I1, 0, 64)], a.S1),
            a => Math.Clamp(a.I1, 0, 64) != a.T1.Length));
        rows.Add(new("Tensor.Full(value, int, int)", (w, a) => () => _ = Tensor.Full((float)a.D1, a.I1, a.I2 % 8),
            a => a.I1 < 0 || a.I2 % 8 < 0 || (long)a.I1 * (a.I2 % 8) > Array.MaxLength));
        rows.Add(new("Tensor.FromValues(values, shape)", (w, a) => () => _ = Tensor.FromValues(a.T1.Data, a.S2),
            a => a.T1.Length != a.T2.Length));
        rows.Add(new("Tensor.Reshape(int, int)", (w, a) =>
        {
            var t = w.Keep(a.T1);
            return () => _ = t.Reshape(a.I1, a.I2);
        }));
        rows.Add(new("Tensor.Reshape(shape)", (w, a) =>
        {
            var t = w.Keep(a.T1);
            return () => _ = t.Reshape(a.S2);
        }, a => a.T1.Length != a.T2.Length));
        rows.Add(new("Tensor.Size(axis)", (w, a) => () => _ = a.T1.Size(a.I1),
            a => a.I1 < -a.S1.Length || a.I1 >= a.S1.Length));
        // Indexers throw IndexOutOfRangeException, as .NET arrays do; two indices on a tensor that is not 2-D is an
        // InvalidOperationException (the tensor, not the index, is wrong for that indexer).
        rows.Add(new("Tensor[int] get/set", (w, a) =>
        {
            var t = w.Keep(a.T1);
            return () => t[a.I1] = t[a.I1] + 1;
        }, a => a.I1 < 0 || a.I1 >= a.T1.Length, typeof(IndexOutOfRangeException)));
        rows.Add(new("Tensor[int, int] get/set", (w, a) =>
        {
            var t = w.Keep(a.T1);
            return () => t[a.I1, a.I2] = t[a.I1, a.I2] + 1;
        }, a => a.S1.Length != 2 || a.I1 < 0 || a.I2 < 0 || a.I1 >= a.S1[0] || a.I2 >= a.S1[1],
            typeof(IndexOutOfRangeException), typeof(InvalidOperationException)));
        rows.Add(new("Tensor[int[]] get/set", (w, a) =>
        {
            var t = w.Keep(a.T1);
            return () => t[a.S2] = t[a.S2] + 1;
        }, null, typeof(IndexOutOfRangeException)));
        rows.Add(new("Shapes.CheckedElementCount", (w, a) => () => Shapes.CheckedElementCount([a.I1, a.I2], "shape"),
            a => a.I1 < 0 || a.I2 < 0 || (long)a.I1 * a.I2 > Array.MaxLength));

        // ---- Core: generators ----
        rows.Add(new("TorchGenerator.Uniform(from, to)", (w, a) => () => w.Generator.Uniform(new float[5], a.D1, a.D2),
            a => !(a.D1 <= a.D2) || !FloatRange(a.D1) || !FloatRange(a.D2) || !(a.D2 - a.D1 <= float.MaxValue)));
        rows.Add(new("TorchGenerator.Normal(mean, std)", (w, a) => () => w.Generator.Normal(new float[Math.Clamp(a.I1, 0, 40)], a.D1, a.D2),
            a => double.IsNaN(a.D1) || !(a.D2 >= 0)));
        rows.Add(new("TorchGenerator.NextNormal(mean, std)", (w, a) => () => w.Generator.NextNormal(a.D1, a.D2),
            a => double.IsNaN(a.D1) || !(a.D2 >= 0)));
        rows.Add(new("TorchGenerator.Bernoulli(p)", (w, a) => () => w.Generator.Bernoulli(new float[7], a.D1),
            a => !IsProbability(a.D1)));
        rows.Add(new("TorchGenerator.Randperm(n)", (w, a) => () => w.Generator.Randperm(a.I1),
            a => a.I1 < 0 || a.I1 > Array.MaxLength));
        // The second size stays small (a.I2 % 4, negative when I2 is) so that accepted shapes are drawn quickly.
        rows.Add(new("TorchGenerator.Rand(shape)", (w, a) => () => w.Generator.Rand(a.I1, a.I2 % 4),
            a => a.I1 < 0 || a.I2 % 4 < 0 || (long)a.I1 * (a.I2 % 4) > Array.MaxLength));
        rows.Add(new("TorchGenerator.Randn(shape)", (w, a) => () => w.Generator.Randn(a.I1, 2),
            a => a.I1 < 0 || a.I1 > Array.MaxLength / 2));
        rows.Add(new("TorchGenerator.RestoreState", (w, a) =>
        {
            var words = new uint[Words(a.I1)];
            return () => w.Generator.RestoreState(new TorchGeneratorState(new MersenneTwisterState(words, a.I2), null, 1));
        }, a => Words(a.I1) != MersenneTwister.StateSize || a.I2 < 0 || a.I2 > MersenneTwister.StateSize));
        rows.Add(new("new NumpyRandomState(seed)", (w, a) => () => _ = new NumpyRandomState((long)a.I1 * (a.Flag ? 3 : 1)),
            a => (long)a.I1 * (a.Flag ? 3 : 1) is < 0 or > uint.MaxValue));
        rows.Add(new("NumpyRandomState.Rand(n)", (w, a) => () => new NumpyRandomState(5).Rand(a.I1),
            a => a.I1 < 0 || a.I1 > Array.MaxLength));

        // ---- Core: data ----
        rows.Add(new("Linspace.Create(start, end, steps)", (w, a) => () => Linspace.Create(a.D1, a.D2, a.I1),
            a => a.I1 < 0 || a.I1 > Array.MaxLength || !double.IsFinite(a.D1) || !double.IsFinite(a.D2)));
        rows.Add(new("OverfittingData.Labels(inputs)", (w, a) =>
        {
            Tensor x = w.Keep(a.T1);
            return () => OverfittingData.Labels(x);
        },
            a => a.S1.Length != 2 || a.S1[1] < 2));
        rows.Add(new("FourClassData.Labels(inputs, weights)", (w, a) =>
        {
            Tensor x = w.Keep(a.T1), weights = w.Keep(a.T2);
            return () => FourClassData.Labels(x, weights);
        },
            a => a.S1.Length != 2 || a.S2.Length != 2 || a.S1[1] != a.S2[0] || (a.S1[0] > 0 && a.S2[1] == 0)));

        // ---- Core: training ----
        rows.Add(new("new DataLoader + one epoch", (w, a) =>
        {
            Tensor x = w.Keep(a.T1), y = w.Keep(a.T2);
            TorchGenerator? generator = double.IsNaN(a.D1) ? null : w.Generator;
            return () =>
            {
                var loader = new DataLoader(x, y, a.I1, shuffle: a.Flag, dropLast: a.D2 > 0, generator: generator);
                foreach (var batch in loader.Epoch()) _ = batch.Inputs.Length;
            };
        }, a => a.S1.Length == 0 || a.S1[0] == 0 || a.S2.Length == 0 || a.S2[0] != a.S1[0] || a.I1 <= 0 || double.IsNaN(a.D1)));
        rows.Add(new("new EarlyStopping(patience, minDelta)", (w, a) => () => _ = new EarlyStopping(a.I1, a.D1, a.Flag),
            a => a.I1 < 1 || !(a.D1 >= 0) || double.IsInfinity(a.D1)));
        rows.Add(new("EarlyStopping.ShouldStop(loss, another model)", (w, a) =>
        {
            var stopper = new EarlyStopping(1);
            stopper.ShouldStop(1.0, w.Stack.Linear(3, 2, new TorchGenerator(1)));
            IModule model = w.Keep(a.Flag ? w.Stack.Linear(3, 2, w.Generator) : w.Stack.Linear(2, 3, w.Generator));
            w.Keep(() => Counters(stopper));
            return () => stopper.ShouldStop(a.D1, model);
        }, a => !a.Flag && !(a.D1 < 1.0)));
        rows.Add(new("EarlyStopping.RestoreBest(model)", (w, a) =>
        {
            var stopper = new EarlyStopping(2, restoreBestWeights: a.Flag);
            IModule model = w.Keep(w.Stack.Linear(3, 2, w.Generator));
            if (a.D1 > 0) stopper.ShouldStop(1.0, w.Stack.Linear(a.I1 == 3 ? 2 : 3, 2, new TorchGenerator(1)));
            w.Keep(() => Counters(stopper));
            return () => stopper.RestoreBest(model);
        }, a => !(a.Flag && a.D1 > 0 && a.I1 != 3), typeof(InvalidOperationException)));
        rows.Add(new("Metrics.BinaryAccuracy(logits, targets)", (w, a) => () => Metrics.BinaryAccuracy(a.T1, a.T2),
            a => a.T1.Length == 0 || a.S1.Length is < 1 or > 2 || (a.S1.Length == 2 && a.S1[1] != 1) || a.T2.Length != a.T1.Length));
        rows.Add(new("Metrics.MulticlassAccuracy(logits, targets)", (w, a) => () => Metrics.MulticlassAccuracy(a.T1, a.T2),
            a => a.S1.Length != 2 || a.S1[0] == 0 || a.S1[1] == 0 || a.T2.Length != a.S1[0]));
        rows.Add(new("Metrics.ArgMax(logits, row)", (w, a) => () => Metrics.ArgMax(a.T1, a.I1),
            a => a.S1.Length != 2 || a.I1 < 0 || a.I1 >= a.S1[0] || a.S1[1] == 0));
        rows.Add(new("Trainer.FullBatchStep(linear model, x, y)", (w, a) =>
        {
            IModule model = w.Keep(w.Stack.Linear(3, 2, w.Generator));
            IOptimizer optimizer = w.Keep(w.Stack.SGD(model.Parameters(), 0.1, momentum: 0.9));
            return () => Trainer.FullBatchStep(model, w.Stack.MSELoss(), optimizer, a.T1, a.T2);
        }, a => !IsMatrix(a.T1, 3) || !a.T2.HasShape(a.S1[0], 2) || a.T1.Length == 0));

        // ---- Stacks: construction ----
        rows.Add(new("stack.Linear(in, out)", (w, a) => () => w.Stack.Linear(a.I1, a.I2, w.Generator, a.Flag),
            a => a.I1 <= 0 || a.I2 <= 0 || (long)a.I1 * a.I2 > Array.MaxLength));
        rows.Add(new("stack.Dropout(p)", (w, a) => () => w.Stack.Dropout(a.D1, w.Generator), a => !IsProbability(a.D1)));
        rows.Add(new("stack.Dropout2d(p)", (w, a) => () => w.Stack.Dropout2d(a.D1, w.Generator), a => !IsProbability(a.D1)));
        rows.Add(new("stack.DropConnect(in, out, p)", (w, a) => () => w.Stack.DropConnect(a.I1, a.I2, a.D1, w.Generator, a.Flag),
            a => a.I1 <= 0 || a.I2 <= 0 || (long)a.I1 * a.I2 > Array.MaxLength || !IsProbability(a.D1)));
        rows.Add(new("stack.StochasticDepth(p, mode)", (w, a) => () => w.Stack.StochasticDepth(a.D1, DepthMode(a.I1), w.Generator),
            a => !IsProbability(a.D1) || DepthMode(a.I1) == "rows"));
        // A valid maxEpochs runs that many epochs: at most 3 here, so a large drawn count cannot fill the memory with records.
        rows.Add(new("Trainer.Fit(model, maxEpochs, epoch)", (w, a) => () =>
            Trainer.Fit(w.Stack.ReLU(), Math.Min(a.I1, 3), e => new EpochRecord(e, 0, 0, 0)), a => a.I1 < 1));
        rows.Add(new("stack.BatchNorm1d(features, eps, momentum)", (w, a) => () => w.Stack.BatchNorm1d(a.I1, a.D1, a.D2),
            a => a.I1 <= 0 || !(a.D1 > 0) || double.IsInfinity(a.D1) || !IsProbability(a.D2)));
        rows.Add(new("stack.Sequential(layers with a null)", (w, a) => () => w.Stack.Sequential(a.Flag ? null! : [w.Stack.ReLU(), null!]),
            _ => true));
        rows.Add(new("Core L1Penalty/L2Penalty(lambda)", (w, a) => () =>
        {
            _ = new Verification.Core.Penalties.L1Penalty(a.D1);
            _ = new Verification.Core.Penalties.L2Penalty(a.D1);
        }, a => !(a.D1 >= 0) || double.IsInfinity(a.D1)));

        // ---- Stacks: forward and backward of every layer ----
        foreach (var (name, make, rejects) in Layers)
        {
            rows.Add(new($"{name}.Forward(x)", (w, a) =>
            {
                IModule layer = w.Keep(make(w));
                if (a.Flag) layer.SetTraining(false);
                Tensor x = w.Keep(a.T1);
                return () => layer.Forward(x);
            }, a => rejects(a.T1, a.Flag)));
            rows.Add(new($"{name}.Forward(null)", (w, a) =>
            {
                IModule layer = w.Keep(make(w));
                if (a.Flag) layer.SetTraining(false);
                return () => layer.Forward(null!);
            }, _ => true));
            rows.Add(new($"{name}.Backward(g) before Forward", (w, a) =>
            {
                IModule layer = w.Keep(make(w));
                return () => layer.Backward(a.T1);
            }, _ => true, BeforeForward));
            rows.Add(new($"{name}.Backward(g) after Forward", (w, a) =>
            {
                IModule layer = w.Keep(make(w));
                if (a.Flag) layer.SetTraining(false);
                Tensor input = name.StartsWith("Dropout2d", StringComparison.Ordinal) ? BadArgs.Make([4, 3, 2], Fill.Finite, 5) : ValidInput();
                layer.Forward(input);
                return () => layer.Backward(a.T1);
            }, a => !a.T1.HasShape(name.StartsWith("Dropout2d", StringComparison.Ordinal) ? [4, 3, 2]
                : name.StartsWith("Linear", StringComparison.Ordinal) || name.StartsWith("Sequential", StringComparison.Ordinal)
                  || name.StartsWith("DropConnect", StringComparison.Ordinal) ? [4, 2] : [4, 3])));
        }

        // ---- Stacks: losses ----
        rows.Add(new("MSELoss.Forward(prediction, target)", (w, a) => () => w.Stack.MSELoss().Forward(a.T1, a.T2),
            a => !a.T1.SameShape(a.T2) || a.T1.Length == 0));
        rows.Add(new("BCEWithLogitsLoss.Forward(prediction, target)", (w, a) => () => w.Stack.BCEWithLogitsLoss().Forward(a.T1, a.T2),
            a => !a.T1.SameShape(a.T2) || a.T1.Length == 0));
        rows.Add(new("CrossEntropyLoss.Forward(logits, classes)", (w, a) => () => w.Stack.CrossEntropyLoss().Forward(a.T1, a.T2),
            a => a.S1.Length != 2 || a.S2.Length != 1 || a.S1[0] != a.S2[0] || a.S1[0] == 0
                 || a.T2.Data.Any(t => t != MathF.Floor(t) || t < 0 || t >= a.S1[1])));
        rows.Add(new("loss.Backward() before Forward", (w, a) => () =>
        {
            ILoss loss = (a.I1 % 3) switch { 0 => w.Stack.MSELoss(), 1 or -1 => w.Stack.BCEWithLogitsLoss(), _ => w.Stack.CrossEntropyLoss() };
            loss.Backward();
        },
            _ => true, BeforeForward));

        // ---- Stacks: optimizers ----
        rows.Add(new("stack.SGD(parameters, lr, momentum, dampening, weightDecay, nesterov)", (w, a) =>
        {
            var parameters = Parameters(w, a);
            return () => w.Stack.SGD(parameters, a.D1, a.D2, a.D3, a.D4, a.Flag);
        }, a => BadParameters(a) || !(a.D1 >= 0) || !(a.D2 >= 0) || double.IsNaN(a.D3) || !(a.D4 >= 0)
                || (a.Flag && (a.D2 <= 0 || a.D3 != 0))));
        rows.Add(new("stack.Adam(parameters, lr, beta1, beta2, eps)", (w, a) =>
        {
            var parameters = Parameters(w, a);
            return () => w.Stack.Adam(parameters, a.D1, a.D2, a.D3, a.D4, a.Flag ? a.D4 : 0);
        }, a => BadParameters(a) || !(a.D1 >= 0) || !(a.D2 >= 0 && a.D2 < 1) || !(a.D3 >= 0 && a.D3 < 1) || !(a.D4 >= 0)));
        rows.Add(new("stack.AdamW(parameters, lr, beta1, beta2, weightDecay)", (w, a) =>
        {
            var parameters = Parameters(w, a);
            return () => w.Stack.AdamW(parameters, a.D1, a.D2, a.D3, 1e-8, a.D4);
        }, a => BadParameters(a) || !(a.D1 >= 0) || !(a.D2 >= 0 && a.D2 < 1) || !(a.D3 >= 0 && a.D3 < 1) || !(a.D4 >= 0)));
        foreach (string kind in new[] { "SGD", "Adam", "AdamW" })
        {
            rows.Add(new($"{kind}.LoadState(arbitrary state)", (w, a) =>
            {
                IModule model = w.Keep(w.Stack.Linear(3, 2, w.Generator));
                var parameters = model.Parameters();
                var optimizer = (IStatefulOptimizer)w.Keep(kind switch
                {
                    "SGD" => w.Stack.SGD(parameters, 0.1, momentum: 0.9),
                    "Adam" => w.Stack.Adam(parameters),
                    _ => w.Stack.AdamW(parameters),
                });
                model.Forward(ValidInput());
                model.Backward(BadArgs.Make([4, 2], Fill.Finite, 9));
                optimizer.Step();
                string[] keys = kind == "SGD" ? ["momentum_buffer"] : ["exp_avg", "exp_avg_sq"];
                var tensors = new List<NamedBuffer>();
                for (int p = 0; p < Math.Clamp(a.I2, 0, 3); p++)
                {
                    foreach (string key in keys)
                    {
                        tensors.Add(new NamedBuffer($"{p}.{key}", p == 0 ? (a.Flag ? Tensor.Zeros(2, 3) : a.T1) : (a.Flag ? Tensor.Zeros(2) : a.T2)));
                    }
                }
                return () => optimizer.LoadState(new OptimizerState(a.I1, tensors));
            }, null));
        }

        // ---- Optimized: the kernels' thread setting (restored after each call) ----
        rows.Add(new("Parallelism.MaxDegreeOfParallelism = value", (w, a) => () =>
        {
            int before = Verification.Optimized.Parallelism.MaxDegreeOfParallelism;
            try
            {
                Verification.Optimized.Parallelism.MaxDegreeOfParallelism = a.I1;
            }
            finally
            {
                Verification.Optimized.Parallelism.MaxDegreeOfParallelism = before;
            }
        }, a => a.I1 < 1));

        // ---- Checkpoints ----
        rows.Add(new("ModelCheckpoint.Apply(corrupted file)", (w, a) =>
        {
            byte[] bytes = Corrupt(SafeTensorsFile.Serialize(ModelCheckpoint.Entries(Small(new BadInputWorld(w.Stack)))), a);
            IModule target = w.Keep(Small(w));
            return () => ModelCheckpoint.Apply(SafeTensorsFile.Parse(bytes), target, "sweep");
        }, null, typeof(InvalidDataException)));
        rows.Add(new("TrainingCheckpoint.Apply(corrupted file)", (w, a) =>
        {
            var source = new BadInputWorld(w.Stack);
            IModule sourceModel = Small(source);
            var sourceOptimizer = (IStatefulOptimizer)source.Stack.Adam(sourceModel.Parameters());
            byte[] bytes = Corrupt(SafeTensorsFile.Serialize(TrainingCheckpoint.Entries(sourceModel, sourceOptimizer, source.Generator),
                new Dictionary<string, string> { [TrainingCheckpoint.OptimizerKey] = sourceOptimizer.GetType().Name }), a);
            IModule model = w.Keep(Small(w));
            var optimizer = (IStatefulOptimizer)w.Keep(w.Stack.Adam(model.Parameters()));
            return () => TrainingCheckpoint.Apply(SafeTensorsFile.Parse(bytes), model, optimizer, w.Generator, "sweep");
        }, null, typeof(InvalidDataException)));
        rows.Add(new("ModelCheckpoint.Load(missing or blank path)", (w, a) =>
        {
            IModule target = w.Keep(Small(w));
            string path = a.Flag ? " " : Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.safetensors");
            return () => ModelCheckpoint.Load(path, target);
        }, _ => true, typeof(FileNotFoundException)));
        rows.Add(new("SafeTensorsEntry.Create(name, type, shape, bytes)", (w, a) => () =>
            SafeTensorsEntry.Create(a.Flag ? "" : "w", (SafeTensorsType)Math.Abs(a.I2 % 4), a.S1, new byte[Math.Clamp(a.I1, 0, 300)]),
            a => a.Flag || Math.Abs(a.I2 % 4) == 3 || (long)a.T1.Length * 4 * (Math.Abs(a.I2 % 4) == 1 ? 2 : 1) != Math.Clamp(a.I1, 0, 300)));
        return rows;
    }

    /// <summary>A mode torchvision accepts ("row", "batch") or one it refuses ("rows").</summary>
    private static string DepthMode(int selector) => Math.Abs(selector % 3) switch { 0 => "row", 1 => "batch", _ => "rows" };

    private static long[] Counters(EarlyStopping stopper) =>
        [stopper.BestEpoch, BitConverter.DoubleToInt64Bits(stopper.BestLoss), stopper.EpochsWithoutImprovement, stopper.Stopped ? 1 : 0];

    /// <summary>A state word count: 624 for I1 = 3 (a valid state), otherwise I1 clamped to [0, 700].</summary>
    private static int Words(int i) => i == 3 ? MersenneTwister.StateSize : Math.Clamp(i, 0, 700);

    private static bool FloatRange(double v) => v >= float.MinValue && v <= float.MaxValue;

    /// <summary>I1 = 0: an empty list; I1 &lt; 0: a list holding a null; otherwise a model's parameters.</summary>
    private static IReadOnlyList<Parameter> Parameters(BadInputWorld w, BadArgs a) => a.I1 switch
    {
        0 => [],
        < 0 => [new Parameter(Tensor.Zeros(2)), null!],
        _ => w.Keep(w.Stack.Linear(3, 2, w.Generator)).Parameters(),
    };

    private static bool BadParameters(BadArgs a) => a.I1 <= 0;

    /// <summary>Truncates at, or overwrites one byte at, an offset drawn from the arguments (or leaves the file whole).</summary>
    private static byte[] Corrupt(byte[] file, BadArgs a)
    {
        int offset = (int)((uint)a.I2 % (uint)file.Length);
        if (a.Flag)
        {
            return file.AsSpan(0, offset).ToArray();
        }
        if (a.D1 > 0)
        {
            var copy = (byte[])file.Clone();
            copy[offset] = (byte)a.Seed;
            return copy;
        }
        return file;
    }
}
