namespace Verification.Exercises.Grading;

/// <summary>What an exercise asks the learner to write; the scorecard's JSON gives it as <c>kind</c>.</summary>
public enum ExerciseKind
{
    /// <summary>A value, a formula or a small function checked against closed forms, the Reference stack or PyTorch's facts.</summary>
    Value,

    /// <summary>A whole layer (forward, backward, train/eval), graded by the laws, a gradient check, golden cases and Reference.</summary>
    Layer,

    /// <summary>A whole optimizer step (or a penalty's gradient), graded by the optimizer laws, golden cases and Reference.</summary>
    Optimizer,
}
