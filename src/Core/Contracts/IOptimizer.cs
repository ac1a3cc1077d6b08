namespace Verification.Core;

/// <summary>An update rule over a fixed list of parameters.</summary>
public interface IOptimizer
{
    /// <summary>The parameters this optimizer updates, in the order given.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Updates every parameter from its gradient (<c>optimizer.step()</c>).</summary>
    void Step();

    /// <summary>Clears every gradient (<c>optimizer.zero_grad()</c>).</summary>
    void ZeroGrad();
}
