namespace Verification.Core.Training;

/// <summary>
/// One mini-batch: the rows of the inputs and targets a <see cref="DataLoader"/> gathered, in sampler order.
/// <c>Inputs: (B, …)</c>, <c>Targets: (B, …)</c> with the trailing dimensions of the dataset's tensors.
/// </summary>
public sealed record Batch(Tensor Inputs, Tensor Targets);
