using Verification.Core;
using Verification.Core.Checkpoints;
using Xunit;

namespace Verification.Properties.Checkpoints;

public class ModelCheckpointTests
{
    /// <summary>A stand-in with PyTorch-style names: two parameters, a float buffer and a counter.</summary>
    private sealed class TinyModel(int width) : IModule
    {
        public Parameter Weight { get; } = new(Tensor.Full(0.5f, width, 2));
        public Parameter Bias { get; } = new(Tensor.Full(-1f, width));
        public Tensor RunningMean { get; } = Tensor.Full(3f, width);
        public Tensor Counter { get; } = Tensor.Full(4f);
        public bool IsTraining { get; private set; } = true;
        public void SetTraining(bool training) => IsTraining = training;
        public Tensor Forward(Tensor input) => input;
        public Tensor Backward(Tensor gradOutput) => gradOutput;
        public IEnumerable<NamedParameter> NamedParameters() => [new("0.weight", Weight), new("0.bias", Bias)];
        public IEnumerable<NamedBuffer> NamedBuffers() =>
            [new("1.running_mean", RunningMean), new("1.num_batches_tracked", Counter)];
    }

    private static string TempFile(out string folder)
    {
        folder = Directory.CreateTempSubdirectory("checkpoint").FullName;
        return Path.Combine(folder, "model.safetensors");
    }

    [Fact]
    public void A_saved_model_loads_back_bit_for_bit_with_pytorch_names_and_types()
    {
        string path = TempFile(out string folder);
        try
        {
            var source = new TinyModel(3);
            source.Weight.Value[1] = 0.1f;
            source.Counter[0] = 12;
            ModelCheckpoint.Save(path, source, new Dictionary<string, string> { ["format"] = "pt" });

            var contents = SafeTensorsFile.Read(path);
            Assert.Equal(new[] { "0.weight", "0.bias", "1.running_mean", "1.num_batches_tracked" }, contents.Entries.Select(e => e.Name));
            Assert.Equal(SafeTensorsType.I64, contents["1.num_batches_tracked"].Type);
            Assert.Empty(contents["1.num_batches_tracked"].Shape);

            var target = new TinyModel(3);
            ModelCheckpoint.Load(path, target);
            Assert.Equal(source.Weight.Value.Data, target.Weight.Value.Data);
            Assert.Equal(12f, target.Counter[0]);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_file_for_another_architecture_is_rejected_and_changes_nothing()
    {
        string path = TempFile(out string folder);
        try
        {
            ModelCheckpoint.Save(path, new TinyModel(4));
            var target = new TinyModel(3);
            var ex = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(path, target));
            Assert.Contains("'0.weight' has shape [4, 2] but the model's is [3, 2]", ex.Message);
            Assert.All(target.Weight.Value.Data, v => Assert.Equal(0.5f, v));
            Assert.All(target.Bias.Value.Data, v => Assert.Equal(-1f, v));

            SafeTensorsFile.Write(path, [SafeTensorsEntry.FromTensor("0.weight", new Tensor(3, 2))]);
            var names = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(path, target));
            Assert.Contains("missing 0.bias, 1.num_batches_tracked, 1.running_mean", names.Message);

            var entries = ModelCheckpoint.Entries(new TinyModel(3)).ToList();
            entries[0] = SafeTensorsEntry.FromInt64("0.weight", new long[6], 3, 2);
            SafeTensorsFile.Write(path, entries);
            Assert.Contains("expected F32", Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(path, target)).Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
