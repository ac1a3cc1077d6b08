using Shouldly;
using Verification.Experiments.Claims;
using Verification.Lab.Tests.Claims;
using Verification.Lab.Tests.Support;
using Xunit;

namespace Verification.Lab.Tests.Commands;

/// <summary>The <c>claims</c> and <c>experiments</c> commands, run in-process; files go to a temporary folder.</summary>
public sealed class ClaimsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("claims-tests-").FullName;
    private readonly string _approved = Path.Combine(LedgerFixture.RepositoryRoot(), LedgerSnapshot.ApprovedPath);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Claims_prints_the_ledger_writes_the_page_and_the_figures_and_exits_zero_when_nothing_moved()
    {
        string page = Path.Combine(_folder, "docs", "claims.md");
        string images = Path.Combine(_folder, "docs", "img");
        var (code, output) = LabRun.Invoke("claims", "--output", page, "--approved", _approved, "--plot", images);
        code.ShouldBe(0, output);
        output.ShouldContain("000.first-100-train");
        output.ShouldContain("004.noisier");
        output.ShouldContain("Every row matches its approved snapshot.");
        File.ReadAllText(page).ShouldStartWith("# Claims ledger");
        File.ReadAllText(page).ShouldContain("](img/000-accuracy.png)");
        foreach (var file in new[] { "000-accuracy.png", "000-loss.png", "003-rate-sensitivity.png" })
        {
            var png = File.ReadAllBytes(Path.Combine(images, file));
            png.Length.ShouldBeGreaterThan(1000, file);
            png[1..4].ShouldBe("PNG"u8.ToArray(), file);
        }
    }

    [Fact]
    public void Claims_exits_one_and_names_the_row_when_a_measured_value_moved()
    {
        string moved = Path.Combine(_folder, "approved.txt");
        string approved = File.ReadAllText(_approved);
        File.WriteAllText(moved,
            approved.Replace("000.first-100-train | Holds | epoch 39", "000.first-100-train | Holds | epoch 40", StringComparison.Ordinal));
        var (code, output) = LabRun.Invoke("claims", "--set", "000-overfitting", "--output", Path.Combine(_folder, "claims.md"), "--approved", moved);
        code.ShouldBe(1, output);
        output.ShouldContain("1 row(s) moved");
        output.ShouldContain("000.first-100-train | Holds | epoch 40");
    }

    [Fact]
    public void Claims_exits_two_without_an_approved_snapshot()
    {
        string missing = Path.Combine(_folder, "missing.txt");
        var (code, output) = LabRun.Invoke("claims", "--set", "003-masks", "--output", Path.Combine(_folder, "claims.md"), "--approved", missing);
        code.ShouldBe(2, output);
        output.ShouldContain("no approved snapshot");
        File.Exists(Path.Combine(_folder, "claims.md")).ShouldBeTrue("the page is written before the comparison");
    }

    [Fact]
    public void Claims_for_one_set_compares_only_that_sets_rows()
    {
        var (code, output) = LabRun.Invoke("claims", "--set", "003-masks", "--output", Path.Combine(_folder, "claims.md"), "--approved", _approved);
        code.ShouldBe(0, output);
        output.ShouldContain("003.masked");
        output.ShouldNotContain("000.gap");
        output.ShouldContain("Every row matches its approved snapshot.");
    }

    [Fact]
    public void Claims_rejects_an_unknown_set_naming_the_known_ones()
    {
        var (code, output) = LabRun.Invoke("claims", "--set", "999-nothing", "--output", Path.Combine(_folder, "claims.md"));
        code.ShouldBe(2, output);
        output.ShouldContain("--set must name a claim set (000-overfitting");
        output.ShouldContain("but got '999-nothing'");
    }

    [Fact]
    public void Claims_rejects_an_unknown_implementation()
    {
        var (code, _) = LabRun.Invoke("claims", "--impl", "fast", "--output", Path.Combine(_folder, "claims.md"));
        code.ShouldNotBe(0);
        File.Exists(Path.Combine(_folder, "claims.md")).ShouldBeFalse();
    }

    [Fact]
    public void Experiments_prints_one_sets_full_table_with_its_rules()
    {
        var (code, output) = LabRun.Invoke("experiments", "003-masks");
        code.ShouldBe(0, output);
        output.ShouldContain("003.seeded-mask");
        output.ShouldContain("does not hold");
        output.ShouldContain("how it is judged");
        output.ShouldNotContain("000.first-100-train");
    }

    [Fact]
    public void Experiments_lists_the_sets_without_a_name_and_rejects_an_unknown_one()
    {
        var (listed, list) = LabRun.Invoke("experiments");
        listed.ShouldBe(0);
        foreach (var set in ClaimCatalog.Create())
        {
            list.ShouldContain(set.Name);
        }
        var (unknown, output) = LabRun.Invoke("experiments", "999-nothing");
        unknown.ShouldBe(2);
        output.ShouldContain("unknown claim set '999-nothing'");
    }
}
