using Shouldly;
using Verification.Lab.Tests.Support;
using Verification.Parity;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>
/// The digits CNN's first epoch on the Reference stack against PyTorch (tests/Golden/cnn_digits.json: no dropout, Dropout,
/// Dropout2d). It runs here rather than in tests/Properties because this project's coverage (tests/Lab/coverage.runsettings)
/// leaves the stacks uninstrumented: a Reference epoch of the CNN costs seconds here and tens of seconds under
/// instrumentation. The Optimized stack's five epochs run in <see cref="ParityCommandTests"/>, both stacks' five in CI's
/// <c>parity</c> step.
/// </summary>
public sealed class ReferenceCnnParityTests
{
    [Fact]
    public void The_reference_stack_trains_the_digits_CNNs_first_epoch_as_PyTorch_does()
    {
        var suite = new GoldenSuite(GoldenSuite.DefaultKinds(cnnEpochLimit: 1));

        var report = suite.RunFile(Path.Combine(LabRun.GoldenFolder, "cnn_digits.json"), Stacks.Reference);

        report.Error.ShouldBeNull();
        report.Cases.Count.ShouldBe(3);
        foreach (var outcome in report.Cases)
        {
            outcome.Status.ShouldBe(CaseStatus.Passed, outcome.ToString());
        }
    }
}
