using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Training;
using Verification.Properties.Golden;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Training;

public class DataLoaderTests
{
    /// <summary>A loader configuration: N samples, batch size, shuffle, drop-last, seed.</summary>
    public sealed record Setup(int N, int BatchSize, bool Shuffle, bool DropLast, ulong Seed);

    private static readonly Gen<Setup> Setups =
        from n in Gen.Choose(1, 200)
        from batchSize in Gen.Choose(1, 2 * n + 3)
        from shuffle in ArbMap.Default.GeneratorFor<bool>()
        from dropLast in ArbMap.Default.GeneratorFor<bool>()
        from seed in Gen.Choose(0, int.MaxValue)
        select new Setup(n, batchSize, shuffle, dropLast, (ulong)seed);

    /// <summary>Rows whose single feature is the row index, so a batch shows which rows it gathered.</summary>
    internal static Tensor IndexRows(int n, int width = 1)
    {
        var t = new Tensor(n, width);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < width; j++)
            {
                t[i, j] = i;
            }
        }
        return t;
    }

    private static DataLoader Loader(Setup s, TorchGenerator g) =>
        new(IndexRows(s.N, 3), IndexRows(s.N), s.BatchSize, s.Shuffle, s.DropLast, g);

    /// <summary>The row indices an epoch visits, batch by batch (read back from the index-valued inputs).</summary>
    internal static List<int[]> EpochIndices(DataLoader loader)
    {
        var batches = new List<int[]>();
        foreach (var batch in loader.Epoch())
        {
            int rows = batch.Inputs.Size(0);
            var indices = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                indices[r] = (int)batch.Inputs[r, 0];
                Assert.Equal(indices[r], (int)batch.Targets[r, 0]);
            }
            batches.Add(indices);
        }
        return batches;
    }

    public static TheoryData<int> DataloaderCases()
    {
        var data = new TheoryData<int>();
        var cases = GoldenFile.Cases("rng.json");
        for (int i = 0; i < cases.Count; i++)
        {
            if (cases[i].Op() == "dataloader_epoch") data.Add(i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DataloaderCases))]
    public void A_shuffled_epoch_reproduces_PyTorchs_seeds_and_permutation(int index)
    {
        JsonElement c = GoldenFile.Cases("rng.json")[index];
        int n = (int)c.Param("n");
        var loader = new DataLoader(IndexRows(n), IndexRows(n), batchSize: 64, shuffle: true, generator: new TorchGenerator(c.Seed()));

        int[] visited = EpochIndices(loader).SelectMany(b => b).ToArray();

        var p = c.GetProperty("params");
        Assert.Equal((long)p.GetProperty("base_seed").GetUInt64(), loader.LastBaseSeed);
        Assert.Equal((long)p.GetProperty("sampler_seed").GetUInt64(), loader.LastSamplerSeed);
        Assert.Equal(c.Ints("values"), visited);
    }

    [Fact]
    public void An_unshuffled_epoch_draws_one_base_seed_as_PyTorch_does()
    {
        var g = new TorchGenerator(0);
        var loader = new DataLoader(IndexRows(10), IndexRows(10), batchSize: 4, generator: g);
        _ = EpochIndices(loader);

        var expected = new TorchGenerator(0);
        long baseSeed = expected.NextInt64();
        Assert.Equal(baseSeed, loader.LastBaseSeed);
        Assert.Null(loader.LastSamplerSeed);
        Assert.Equal(expected.Random(), g.Random());
    }

    [Fact]
    public void The_base_seed_is_drawn_when_the_epoch_starts_and_the_sampler_seed_at_its_first_batch()
    {
        var g = new TorchGenerator(3);
        var loader = new DataLoader(IndexRows(10), IndexRows(10), batchSize: 4, shuffle: true, generator: g);
        var reference = new TorchGenerator(3);

        IEnumerable<Batch> epoch = loader.Epoch();
        Assert.Equal(reference.NextInt64(), loader.LastBaseSeed);
        Assert.Null(loader.LastSamplerSeed);

        using var e = epoch.GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal(reference.NextInt64(), loader.LastSamplerSeed);
        Assert.Equal(reference.Random(), g.Random());
    }

    [Fact]
    public void An_epoch_can_be_enumerated_only_once()
    {
        var loader = new DataLoader(IndexRows(5), IndexRows(5), 2, generator: new TorchGenerator(1));
        var epoch = loader.Epoch();
        _ = epoch.ToList();
        Assert.Throws<InvalidOperationException>(() => epoch.ToList());
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Every_epoch_visits_each_sample_once_in_batches_of_the_batch_size() =>
        Prop.ForAll(Setups.ToArbitrary(), s =>
        {
            var loader = Loader(s, new TorchGenerator(s.Seed));
            List<int[]> batches = EpochIndices(loader);
            int[] visited = batches.SelectMany(b => b).ToArray();
            int full = s.N / s.BatchSize, remainder = s.N % s.BatchSize;
            int expectedBatches = full + (remainder > 0 && !s.DropLast ? 1 : 0);

            bool countOk = batches.Count == expectedBatches && loader.BatchesPerEpoch == expectedBatches;
            bool sizesOk = batches.Select((b, i) => b.Length == (i < full ? s.BatchSize : remainder)).All(x => x);
            bool onceOk = visited.Distinct().Count() == visited.Length && visited.All(v => v >= 0 && v < s.N)
                          && visited.Length == (s.DropLast ? full * s.BatchSize : s.N);
            bool orderOk = s.Shuffle || visited.SequenceEqual(Enumerable.Range(0, visited.Length));
            return countOk.Label($"batch count {batches.Count}, BatchesPerEpoch {loader.BatchesPerEpoch}, expected {expectedBatches}")
                .And(sizesOk.Label("every batch but the last has batchSize rows"))
                .And(onceOk.Label("each sample at most once, all of them unless the short last batch is dropped"))
                .And(orderOk.Label("without shuffle the order is 0…N−1"))
                .Classify(s.DropLast && remainder > 0, "short last batch dropped")
                .Classify(s.Shuffle, "shuffled");
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Loaders_with_equal_seeds_give_equal_epochs() =>
        Prop.ForAll(Setups.ToArbitrary(), s =>
        {
            var a = Loader(s, new TorchGenerator(s.Seed));
            var b = Loader(s, new TorchGenerator(s.Seed));
            for (int epoch = 0; epoch < 2; epoch++)
            {
                var x = EpochIndices(a).SelectMany(v => v);
                var y = EpochIndices(b).SelectMany(v => v);
                if (!x.SequenceEqual(y)) return false;
            }
            return true;
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Consecutive_shuffled_epochs_visit_the_samples_in_different_orders() =>
        Prop.ForAll(Setups.Where(s => s.N >= 2).ToArbitrary(), s =>
        {
            var loader = new DataLoader(IndexRows(s.N), IndexRows(s.N), s.BatchSize, shuffle: true, generator: new TorchGenerator(s.Seed));
            var first = EpochIndices(loader).SelectMany(v => v).ToArray();
            var second = EpochIndices(loader).SelectMany(v => v).ToArray();
            bool equal = first.SequenceEqual(second);
            // For N ≥ 8 two independent permutations agree with chance ≤ 1/8! ≈ 2.5e-5; below that it happens.
            return (!equal || s.N < 8)
                .Classify(equal, "equal by chance (N < 8)")
                .Label($"N = {s.N}: two consecutive epochs gave the same order {string.Join(",", first.Take(10))}…");
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property A_batch_holds_whole_rows_of_the_inputs_and_targets() =>
        Prop.ForAll(Setups.ToArbitrary(), s =>
        {
            int width = 1 + (int)(s.Seed % 4);
            var inputs = new Tensor(s.N, width);
            var targets = new Tensor(s.N);
            for (int i = 0; i < s.N; i++)
            {
                targets[i] = 1000 + i;
                for (int j = 0; j < width; j++) inputs[i, j] = i * 10 + j;
            }
            var loader = new DataLoader(inputs, targets, s.BatchSize, s.Shuffle, s.DropLast, new TorchGenerator(s.Seed));
            foreach (var batch in loader.Epoch())
            {
                int rows = batch.Targets.Size(0);
                if (!batch.Inputs.HasShape(rows, width) || !batch.Targets.HasShape(rows)) return false;
                for (int r = 0; r < rows; r++)
                {
                    int row = (int)batch.Targets[r] - 1000;
                    for (int j = 0; j < width; j++)
                    {
                        if (batch.Inputs[r, j] != row * 10 + j) return false;
                    }
                }
            }
            return true;
        });

    [Fact]
    public void A_batch_size_that_is_not_positive_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DataLoader(IndexRows(4), IndexRows(4), 0, generator: new TorchGenerator()));
        Assert.Equal("batchSize", ex.ParamName);
        Assert.Contains("batch_size=0", ex.Message);
    }

    [Fact]
    public void Inputs_and_targets_with_different_sample_counts_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new DataLoader(IndexRows(4), IndexRows(5), 2, generator: new TorchGenerator()));
        Assert.Equal("targets", ex.ParamName);
        Assert.Contains("4 samples", ex.Message);
        Assert.Contains("[5, 1]", ex.Message);
    }

    [Fact]
    public void An_empty_dataset_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new DataLoader(new Tensor(0, 3), new Tensor(0), 2, generator: new TorchGenerator()));
        Assert.Equal("inputs", ex.ParamName);
        Assert.Contains("[0, 3]", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_missing_generator_is_rejected_because_every_epoch_draws(bool shuffle)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DataLoader(IndexRows(4), IndexRows(4), 2, shuffle));
        Assert.Equal("generator", ex.ParamName);
        Assert.Contains($"shuffle={shuffle}", ex.Message);
    }

    [Fact]
    public void Null_tensors_are_rejected()
    {
        Assert.Equal("inputs",
            Assert.Throws<ArgumentNullException>(() => new DataLoader(null!, IndexRows(2), 1, generator: new TorchGenerator())).ParamName);
        Assert.Equal("targets",
            Assert.Throws<ArgumentNullException>(() => new DataLoader(IndexRows(2), null!, 1, generator: new TorchGenerator())).ParamName);
    }
}
