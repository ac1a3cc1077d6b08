using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Training;
using Xunit;

namespace Verification.Properties.Training;

public class TrainerTests
{
    private static (TinyLinear Model, TinyMse Loss, TinySgd Sgd, Tensor X, Tensor Y) Problem()
    {
        var model = new TinyLinear([0.5f, -0.25f], 0.1f);
        var x = Tensor.FromValues([1f, 2f, -1f, 0.5f, 3f, -2f], 3, 2);
        var y = Tensor.FromValues([1f, 0f, 2f], 3, 1);
        return (model, new TinyMse(), new TinySgd(model.Parameters(), 0.1f), x, y);
    }

    [Fact]
    public void A_full_batch_step_returns_the_loss_before_the_step_and_then_lowers_it()
    {
        var (model, loss, sgd, x, y) = Problem();
        model.SetTraining(false);
        float before = new TinyMse().Forward(model.Forward(x), y);

        float reported = Trainer.FullBatchStep(model, loss, sgd, x, y);

        Assert.Equal(before, reported);
        Assert.True(model.IsTraining);
        Assert.True(new TinyMse().Forward(model.Forward(x), y) < before);
    }

    [Fact]
    public void Gradients_are_cleared_before_each_backward_so_steps_do_not_accumulate()
    {
        var (model, loss, sgd, x, y) = Problem();
        Trainer.FullBatchStep(model, loss, sgd, x, y);
        Trainer.FullBatchStep(model, loss, sgd, x, y);

        // The gradient left after two steps is the gradient at the weights of the second step alone.
        var (fresh, freshLoss, freshSgd, _, _) = Problem();
        Trainer.FullBatchStep(fresh, freshLoss, freshSgd, x, y);
        fresh.Weight.ZeroGrad();
        fresh.Bias.ZeroGrad();
        fresh.Backward(new TinyMse().Let(l => { l.Forward(fresh.Forward(x), y); return l.Backward(); }));
        Assert.Equal(fresh.Weight.Grad.Data, model.Weight.Grad.Data);
        Assert.Equal(fresh.Bias.Grad.Data, model.Bias.Grad.Data);
    }

    [Fact]
    public void Evaluation_runs_in_eval_mode_and_a_full_batch_epoch_records_both_accuracies()
    {
        var (model, loss, sgd, x, y) = Problem();
        var binary = Tensor.FromValues([1f, 0f, 1f], 3, 1);
        EpochRecord record = Trainer.FullBatchEpoch(7, model, loss, sgd, x, binary, x, binary);
        Assert.False(model.IsTraining);
        Assert.Equal(7, record.Epoch);
        Assert.Equal(Metrics.BinaryAccuracy(model.Forward(x), binary), record.TrainAccuracy);
        Assert.Equal(record.TrainAccuracy, record.ValidationAccuracy);
        Assert.Null(record.ValidationLoss);
    }

    [Fact]
    public void Multiclass_evaluation_iterates_the_loader_once_drawing_its_base_seed()
    {
        var model = new TinyLinear([1f], 0f);
        var g = new TorchGenerator(5);
        var x = Tensor.FromValues([1f, 2f, 3f], 3, 1);
        var loader = new DataLoader(x, Tensor.Vector(0f, 0f, 1f), batchSize: 2, generator: g);
        float accuracy = Trainer.EvaluateMulticlassAccuracy(model, loader);
        // One class column: argmax is always 0, so rows 0 and 1 are right.
        Assert.Equal(2f / 3f, accuracy);
        var reference = new TorchGenerator(5);
        Assert.Equal(reference.NextInt64(), loader.LastBaseSeed);
        Assert.Equal(reference.Random(), g.Random());
    }
}

internal static class LetExtension
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
