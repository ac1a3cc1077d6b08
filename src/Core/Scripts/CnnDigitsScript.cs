using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Training;

namespace Verification.Core.Scripts;

/// <summary>Which dropout layer follows each convolution's ReLU in the digits CNN.</summary>
public enum ConvDropout
{
    /// <summary>No dropout layer.</summary>
    None,

    /// <summary><c>nn.Dropout(p)</c>: one Bernoulli draw per activation.</summary>
    Dropout,

    /// <summary><c>nn.Dropout2d(p)</c>: one Bernoulli draw per (sample, channel), zeroing whole feature maps.</summary>
    Dropout2d,
}

/// <summary>
/// The small CNN of tests/Golden/cnn_digits.json on the 8×8 digits (<see cref="DigitsData"/>: rows 0–999 train,
/// 1000–1796 validate, pixels / 16), as libtorch ran it: <c>torch.manual_seed(seed)</c>; the model built (each Conv2d and
/// the Linear draw weight then bias; dropout layers draw nothing at construction); then per epoch a
/// <c>DataLoader(shuffle=True, batch_size=64)</c> pass (base seed, sampler seed, <c>randperm(1000)</c> on a generator seeded
/// with the sampler seed — see <see cref="DataLoader"/>), one Adam step (lr 1e-3) on cross-entropy per batch, with the
/// dropout masks drawn from the same default generator in layer order; then eval-mode accuracy on the whole training and
/// validation sets (one forward each, which draws nothing). An epoch's loss is the mean of its 16 batch losses.
/// </summary>
public static class CnnDigitsScript
{
    /// <summary>The golden file's settings: seed 0, 5 epochs, Adam lr 1e-3, batch 64, dropout p = 0.2 where used.</summary>
    public sealed record Settings(ulong Seed = 0, int Epochs = 5, double LearningRate = 1e-3, int BatchSize = 64,
        ConvDropout Dropout = ConvDropout.None, double DropoutP = 0.2);

    /// <summary>The per-epoch history and the trained model (left in eval mode), with the data it saw.</summary>
    public sealed record Result(Settings Settings, DigitsDataset Data, TrainingHistory History, IModule Model);

    /// <summary>Channels of the two convolutions and the width of the flattened features (16 channels × 2 × 2).</summary>
    public const int FirstChannels = 8, SecondChannels = 16, FlatFeatures = SecondChannels * 2 * 2;

    /// <summary>
    /// Trains the model of <paramref name="settings"/> with <paramref name="stack"/> and records every epoch;
    /// <paramref name="afterEpoch"/> sees the epoch's record and the model in eval mode (a forward pass there draws nothing).
    /// </summary>
    public static Result Run(IStack stack, Settings? settings = null, DigitsDataset? data = null,
        Action<EpochRecord, IModule>? afterEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        settings ??= new Settings();
        Validate(settings);
        data ??= DigitsData.Load();
        var generator = new TorchGenerator(settings.Seed);
        var model = BuildModel(stack, generator, settings.Dropout, settings.DropoutP);
        var run = Start(stack, model, data, settings, generator);
        var history = new TrainingHistory();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var record = run.Epoch(epoch);
            history.Add(record);
            afterEpoch?.Invoke(record, model);
        }
        model.SetTraining(false);
        return new Result(settings, data, history, model);
    }

    /// <summary>
    /// <c>Sequential(Conv2d(1, 8, 3, padding=1), ReLU, [drop], MaxPool2d(2), Conv2d(8, 16, 3, padding=1), ReLU, [drop],
    /// MaxPool2d(2), Flatten, Linear(64, 10))</c>, initialised from <paramref name="generator"/> in that order; each
    /// <c>[drop]</c> is <paramref name="dropout"/> with probability <paramref name="p"/>, drawing its masks from the same
    /// generator (PyTorch's default one).
    /// </summary>
    public static IModule BuildModel(IStack stack, TorchGenerator generator, ConvDropout dropout, double p)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(generator);
        var layers = new List<IModule> { stack.Conv2d(1, FirstChannels, 3, generator, padding: 1), stack.ReLU() };
        AddDropout(layers, stack, generator, dropout, p);
        layers.Add(stack.MaxPool2d(2));
        layers.Add(stack.Conv2d(FirstChannels, SecondChannels, 3, generator, padding: 1));
        layers.Add(stack.ReLU());
        AddDropout(layers, stack, generator, dropout, p);
        layers.Add(stack.MaxPool2d(2));
        layers.Add(stack.Flatten());
        layers.Add(stack.Linear(FlatFeatures, DigitsData.Classes, generator));
        return stack.Sequential(layers.ToArray());
    }

    /// <summary>
    /// The training loop of <see cref="Run"/> for a model already built from <paramref name="generator"/>, one epoch per
    /// <see cref="EpochLoop.Epoch"/> call (the bench times one epoch this way).
    /// </summary>
    public static EpochLoop Start(IStack stack, IModule model, DigitsDataset data, Settings settings, TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(generator);
        Validate(settings);
        var loader = new DataLoader(data.TrainImages, data.TrainLabels, settings.BatchSize, shuffle: true, generator: generator);
        var optimizer = stack.Adam(model.Parameters(), lr: settings.LearningRate);
        return new EpochLoop(model, stack.CrossEntropyLoss(), optimizer, loader, data);
    }

    /// <summary>A model, its optimizer and its loader between epochs.</summary>
    public sealed class EpochLoop
    {
        private readonly IModule _model;
        private readonly ILoss _loss;
        private readonly IOptimizer _optimizer;
        private readonly DataLoader _loader;
        private readonly DigitsDataset _data;

        internal EpochLoop(IModule model, ILoss loss, IOptimizer optimizer, DataLoader loader, DigitsDataset data)
        {
            _model = model;
            _loss = loss;
            _optimizer = optimizer;
            _loader = loader;
            _data = data;
        }

        /// <summary>One pass over the shuffled training set, then both accuracies in eval mode.</summary>
        public EpochRecord Epoch(int epoch)
        {
            float meanBatchLoss = Trainer.MiniBatchEpoch(_model, _loss, _optimizer, _loader);
            _model.SetTraining(false);
            float train = Metrics.MulticlassAccuracy(_model.Forward(_data.TrainImages), _data.TrainLabels);
            float validation = Metrics.MulticlassAccuracy(_model.Forward(_data.ValidationImages), _data.ValidationLabels);
            return new EpochRecord(epoch, meanBatchLoss, train, validation);
        }
    }

    private static void AddDropout(List<IModule> layers, IStack stack, TorchGenerator generator, ConvDropout dropout, double p)
    {
        switch (dropout)
        {
            case ConvDropout.None:
                break;
            case ConvDropout.Dropout:
                layers.Add(stack.Dropout(p, generator));
                break;
            case ConvDropout.Dropout2d:
                layers.Add(stack.Dropout2d(p, generator));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "expected None, Dropout or Dropout2d.");
        }
    }

    private static void Validate(Settings settings)
    {
        if (settings.Epochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Epochs, "epochs must be non-negative.");
        }
        if (settings.BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.BatchSize,
                $"batch_size should be a positive integer value, but got batch_size={settings.BatchSize}");
        }
        if (!Enum.IsDefined(settings.Dropout))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Dropout, "expected None, Dropout or Dropout2d.");
        }
    }
}
