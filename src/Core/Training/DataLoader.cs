using Verification.Core.Random;

namespace Verification.Core.Training;

/// <summary>
/// <c>torch.utils.data.DataLoader(TensorDataset(inputs, targets), batch_size, shuffle, drop_last)</c> with no
/// workers, reproduced draw for draw. Samples are rows along the first dimension: <c>inputs: (N, …)</c>,
/// <c>targets: (N, …)</c>. PyTorch's defaults: <c>shuffle=False</c>, <c>drop_last=False</c>.
/// <para>
/// What PyTorch draws, read in pytorch/pytorch <c>torch/utils/data/dataloader.py</c>,
/// <c>_BaseDataLoaderIter.__init__</c> (the line
/// <c>self._base_seed = torch.empty((), dtype=torch.int64).random_(generator=loader.generator).item()</c>
/// right after <c>self._sampler_iter = iter(self._index_sampler)</c>): every <c>iter(loader)</c> draws one
/// int64 base seed, <b>with or without shuffle</b>; with no workers nothing uses it, but the generator has moved.
/// In <c>torch/utils/data/sampler.py</c>, <c>RandomSampler.__iter__</c> is a generator function, so its body runs
/// at the first <c>next()</c>: with no generator of its own it draws a second int64 seed, seeds a fresh
/// <c>torch.Generator</c> with it and yields <c>randperm(n, generator=that)</c>. <c>SequentialSampler</c> draws nothing.
/// Both int64 draws are <c>random64() mod 2⁶³</c> (<see cref="TorchGenerator.NextInt64"/>); rng.json's
/// <c>dataloader_epoch</c> cases confirm the order.
/// </para>
/// <para>
/// Timing, kept as PyTorch's: <see cref="Epoch"/> is <c>iter(loader)</c> and draws the base seed when called;
/// the sampler seed is drawn at the first <c>MoveNext</c>. An epoch that is created but never enumerated has
/// therefore drawn one value, as an unused Python iterator has. Each epoch enumerates once, like a Python iterator.
/// </para>
/// <para>
/// PyTorch draws from its global default generator; here the constructor's <c>generator</c> stands for it and is
/// required, because even an unshuffled loader moves it (document 002 evaluates with an unshuffled
/// validation loader between training epochs, so skipping the draw would shift every later dropout mask).
/// </para>
/// </summary>
public sealed class DataLoader
{
    private readonly Tensor _inputs;
    private readonly Tensor _targets;
    private readonly TorchGenerator _generator;

    /// <summary>A loader over the rows of <paramref name="inputs"/> and <paramref name="targets"/>.</summary>
    /// <param name="inputs">Samples along the first dimension, <c>(N, …)</c>.</param>
    /// <param name="targets">As many rows as <paramref name="inputs"/>, <c>(N, …)</c>.</param>
    /// <param name="batchSize">Rows per batch; PyTorch's default is 1.</param>
    /// <param name="shuffle">A fresh permutation each epoch (RandomSampler) instead of 0…N−1.</param>
    /// <param name="dropLast">Drop the last batch when it is shorter than <paramref name="batchSize"/>.</param>
    /// <param name="generator">Stands for PyTorch's default generator; every epoch draws from it.</param>
    public DataLoader(Tensor inputs, Tensor targets, int batchSize, bool shuffle = false, bool dropLast = false,
        TorchGenerator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rank == 0 || inputs.Size(0) == 0)
        {
            throw new ArgumentException(
                $"the dataset is empty: inputs of shape {inputs.ShapeText} hold no samples along the first dimension.",
                nameof(inputs));
        }
        if (targets.Rank == 0 || targets.Size(0) != inputs.Size(0))
        {
            throw new ArgumentException(
                $"Size mismatch between tensors: inputs have {inputs.Size(0)} samples (shape {inputs.ShapeText}) " +
                $"but targets have shape {targets.ShapeText}.", nameof(targets));
        }
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"batch_size should be a positive integer value, but got batch_size={batchSize}");
        }
        if (generator is null)
        {
            throw new ArgumentException(
                $"a generator is required (shuffle={shuffle}): PyTorch draws a base seed from its default generator at " +
                "every iter(loader), shuffled or not, so pass the generator that stands for it.", nameof(generator));
        }
        _inputs = inputs;
        _targets = targets;
        _generator = generator;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        SampleCount = inputs.Size(0);
    }

    /// <summary>Rows per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>True when each epoch visits the rows in a fresh random order.</summary>
    public bool Shuffle { get; }

    /// <summary>True when a short last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>N, the number of samples.</summary>
    public int SampleCount { get; }

    /// <summary><c>len(loader)</c>: ⌊N / B⌋ with <see cref="DropLast"/>, otherwise ⌈N / B⌉.</summary>
    public int BatchesPerEpoch => DropLast ? SampleCount / BatchSize : (SampleCount + BatchSize - 1) / BatchSize;

    /// <summary>The base seed the latest <see cref="Epoch"/> drew (unused with no workers, as in PyTorch).</summary>
    public long? LastBaseSeed { get; private set; }

    /// <summary>The sampler seed the latest shuffled epoch drew at its first batch; null before one has.</summary>
    public long? LastSamplerSeed { get; private set; }

    /// <summary>The order the latest epoch visits (or visited) the rows; null before its first batch.</summary>
    public IReadOnlyList<int>? LastOrder { get; private set; }

    /// <summary>
    /// <c>iter(loader)</c>: draws the base seed now; the batches follow, the sampler seed being drawn at the
    /// first one when shuffling. Enumerate the result once.
    /// </summary>
    public IEnumerable<Batch> Epoch()
    {
        LastBaseSeed = _generator.NextInt64();
        return Batches(new EpochToken());
    }

    private IEnumerable<Batch> Batches(EpochToken token)
    {
        if (token.Started)
        {
            throw new InvalidOperationException(
                "an epoch is enumerated once, like a Python iterator; call Epoch() again (one iter(loader)) for the next.");
        }
        token.Started = true;
        int[] order = Shuffle ? ShuffledOrder() : SequentialOrder();
        LastOrder = order;
        int batches = BatchesPerEpoch;
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            int count = Math.Min(BatchSize, SampleCount - start);
            yield return new Batch(Gather(_inputs, order, start, count), Gather(_targets, order, start, count));
        }
    }

    private int[] ShuffledOrder()
    {
        long samplerSeed = _generator.NextInt64();
        LastSamplerSeed = samplerSeed;
        return new TorchGenerator((ulong)samplerSeed).Randperm(SampleCount);
    }

    private int[] SequentialOrder()
    {
        var order = new int[SampleCount];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        return order;
    }

    /// <summary>Rows <c>order[start … start+count)</c> of <paramref name="source"/> stacked as a <c>(count, …)</c> tensor.</summary>
    private static Tensor Gather(Tensor source, int[] order, int start, int count)
    {
        int[] shape = source.Shape;
        int rowLength = source.Length / shape[0];
        shape[0] = count;
        var batch = new Tensor(shape);
        for (int r = 0; r < count; r++)
        {
            Array.Copy(source.Data, order[start + r] * rowLength, batch.Data, r * rowLength, rowLength);
        }
        return batch;
    }

    private sealed class EpochToken
    {
        public bool Started;
    }
}
