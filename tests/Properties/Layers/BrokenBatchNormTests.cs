using System.Text.Json;
using Verification.Core;
using Verification.Properties.Golden;
using Verification.Properties.Layers.Broken;
using Xunit;
using Xunit.Sdk;

namespace Verification.Properties.Layers;

using Verification.Laws;

/// <summary>The golden check and the running-statistics law must reject each known-wrong BatchNorm.</summary>
public class BrokenBatchNormTests
{
    public static TheoryData<string> Broken() => new() { nameof(BatchNormWithBiasedRunningVariance), nameof(BatchNormWithMomentumConventionSwapped) };

    private static IModule Create(string name, int features, double eps = 1e-5, double momentum = 0.1) => name switch
    {
        nameof(BatchNormWithBiasedRunningVariance) => new BatchNormWithBiasedRunningVariance(features, eps, momentum),
        _ => new BatchNormWithMomentumConventionSwapped(features, eps, momentum),
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void The_BatchNorm_golden_check_rejects_the_broken_implementation(string name)
    {
        foreach (JsonElement c in GoldenFile.Cases("layers.json").Where(c => c.Op() == "BatchNorm1d"))
        {
            IModule layer = Create(name, (int)c.Param("features"), c.Param("eps"), c.Param("momentum"));
            var failure = Assert.ThrowsAny<XunitException>(() => BatchNormGolden.Run(layer, c));
            Assert.Contains("running_", failure.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void The_running_statistics_law_rejects_the_broken_implementation(string name)
    {
        var c = new LayerCase(4, 3, 1, 42);
        var violation = Assert.Throws<LawViolation>(() => LayerLaws.CheckBatchNormTraining((f, m) => Create(name, f, momentum: m), c.X(), c.Seed));
        Assert.Equal(LayerLaws.BatchNormTraining, violation.Law);
        Assert.StartsWith("running_", violation.Expected);
    }

    [Fact]
    public void The_checks_accept_the_reference_so_a_rejection_means_the_bug()
    {
        var c = new LayerCase(4, 3, 1, 42);
        LayerLaws.CheckBatchNormTraining((f, m) => new Reference.BatchNorm1d(f, momentum: m), c.X(), c.Seed);
        LayerLaws.CheckBatchNormTraining((f, m) => new global::Verification.Optimized.BatchNorm1d(f, momentum: m), c.X(), c.Seed);
    }
}
