namespace Verification.Properties.Support;

/// <summary>
/// FsCheck run sizes, in one place so the suite's cost is deliberate (aim: the whole suite under a minute on 2 cores).
/// <list type="bullet">
/// <item><see cref="Laws"/>: cheap algebraic laws (shapes up to a few hundred elements).</item>
/// <item><see cref="Gradients"/>: centred-difference checks cost 2·(inputs + parameters) forward passes each.</item>
/// <item><see cref="Statistical"/>: each case draws thousands of masks; the bounds make a false failure ≤ 1e-6 per case.</item>
/// </list>
/// The law suites (tests/Properties/Laws) run every law on both stacks. A cheap law runs each case on both stacks (its
/// row of the law table picked per case); the statistical law instead picks the stack per case, so its budget of
/// <see cref="Statistical"/> cases per dropout layer is shared between the stacks rather than doubled.
/// </summary>
public static class PropertyCounts
{
    /// <summary>Cases for algebraic laws.</summary>
    public const int Laws = 100;

    /// <summary>Cases for finite-difference gradient checks.</summary>
    public const int Gradients = 25;

    /// <summary>Cases for statistical properties.</summary>
    public const int Statistical = 20;
}
