namespace Verification.Exercises.Grading;

/// <summary>How hard an exercise is; points grow with it.</summary>
public enum Difficulty
{
    /// <summary>One formula, applied once.</summary>
    Warmup,

    /// <summary>Several steps or a small derivation.</summary>
    Core,

    /// <summary>An experiment or an argument over all cases.</summary>
    Stretch,
}
