namespace Verification.Core;

/// <summary>
/// A loss with mean reduction: <c>L = mean over elements of ℓ(prediction, target)</c>.
/// <see cref="Backward"/> returns <c>∂L/∂prediction</c> for the latest <see cref="Forward"/>.
/// </summary>
public interface ILoss
{
    /// <summary>The loss value; keeps what Backward needs.</summary>
    float Forward(Tensor prediction, Tensor target);

    /// <summary>The gradient of the latest loss with respect to the prediction.</summary>
    Tensor Backward();
}
