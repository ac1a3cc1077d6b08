using Verification.Experiments.Claims;

namespace Verification.Lab.Tests.Claims;

/// <summary>
/// The ledger, run once per test run on the optimized stack (the default of <c>claims</c>). xunit builds a class fixture
/// once per test class, so the run itself is held once per process and shared by every class that takes this fixture.
/// </summary>
public sealed class LedgerFixture
{
    private static readonly Lazy<Ledger> Shared = new(() => ClaimsLedger.Run(Stacks.Optimized));

    /// <summary>The ledger.</summary>
    public Ledger Ledger => Shared.Value;

    /// <summary>The row with <paramref name="id"/>.</summary>
    public ClaimRow Row(string id) => Ledger.Rows.SingleOrDefault(r => r.Id == id)
        ?? throw new InvalidOperationException($"no row '{id}' in the ledger.");

    /// <summary>The repository root (the folder holding Verification.sln), found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Verification.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException($"no Verification.sln above {AppContext.BaseDirectory}.");
    }
}
