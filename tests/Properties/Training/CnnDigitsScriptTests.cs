using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Xunit;

namespace Verification.Properties.Training;

/// <summary>
/// The digits CNN's script: the model's layout and parameter names as PyTorch's <c>nn.Sequential</c> gives them, and bad
/// settings refused by name before anything is built or drawn.
/// </summary>
public class CnnDigitsScriptTests
{
    [Theory]
    [InlineData(ConvDropout.None, new[] { "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias" })]
    [InlineData(ConvDropout.Dropout2d, new[] { "0.weight", "0.bias", "4.weight", "4.bias", "9.weight", "9.bias" })]
    public void The_model_has_PyTorchs_parameter_names_and_1898_parameters(ConvDropout dropout, string[] names)
    {
        var model = CnnDigitsScript.BuildModel(Stacks.Optimized, new TorchGenerator(0), dropout, 0.2);
        Assert.Equal(names, model.NamedParameters().Select(p => p.Name));
        Assert.Equal(8 * 9 + 8 + 16 * 8 * 9 + 16 + 64 * 10 + 10, model.Parameters().Sum(p => p.Value.Length));
        Assert.Equal([5, 10], model.Eval().Forward(new Tensor(5, 1, 8, 8)).Shape);
    }

    [Theory]
    [InlineData(-1, 64, ConvDropout.None, "epochs must be non-negative")]
    [InlineData(5, 0, ConvDropout.None, "batch_size should be a positive integer value, but got batch_size=0")]
    [InlineData(5, 64, (ConvDropout)7, "expected None, Dropout or Dropout2d")]
    public void Bad_settings_are_refused_naming_the_value(int epochs, int batchSize, ConvDropout dropout, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CnnDigitsScript.Run(Stacks.Optimized, new CnnDigitsScript.Settings(Epochs: epochs, BatchSize: batchSize, Dropout: dropout)));
        Assert.Equal("settings", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_epochs_train_nothing_and_return_an_empty_history()
    {
        var result = CnnDigitsScript.Run(Stacks.Optimized, new CnnDigitsScript.Settings(Epochs: 0));
        Assert.Empty(result.History);
        Assert.False(result.Model.IsTraining);
    }
}
