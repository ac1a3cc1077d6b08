namespace Verification.Core;

/// <summary>
/// A module whose training mode is random: it draws from its generator on every training Forward (the dropout family).
/// Eval mode makes it deterministic. MC dropout (<see cref="Training.McDropout"/>) switches exactly these modules to
/// training mode and leaves every other module (BatchNorm above all) in eval mode.
/// </summary>
public interface IStochasticModule : IModule;
