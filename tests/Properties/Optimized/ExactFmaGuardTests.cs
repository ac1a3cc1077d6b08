using System.Runtime.Intrinsics.X86;
using Verification.Optimized;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Optimized;

/// <summary>
/// Which processes run <see cref="ExactFma"/>'s emulation. Emulated and hardware fma give the same bits
/// (<see cref="ExactFmaProperties"/>), so no output can tell a wrong choice apart; the choice is still the contract
/// (x86 with SSE3 and no FMA unit emulates, every other process keeps the hardware instruction) and it is reported
/// (<see cref="KernelPaths.Describe"/>), so it is checked against the processor's flags at every level a run sets.
/// </summary>
public class ExactFmaGuardTests(ITestOutputHelper output)
{
    [Fact]
    public void The_emulation_runs_exactly_on_x86_with_SSE3_and_no_FMA_unit_and_is_reported_there()
    {
        bool x86WithoutFma = Sse3.IsSupported && !Fma.IsSupported;
        output.WriteLine($"SSE3 {Sse3.IsSupported}, FMA {Fma.IsSupported}: the emulation {(x86WithoutFma ? "runs" : "does not run")}");
        Assert.Equal(x86WithoutFma, ExactFma.IsEmulated);
        Assert.Equal(Sse3.IsSupported, ExactFma.CanEmulate);
        Assert.Equal(x86WithoutFma, KernelPaths.Describe().Contains("no FMA unit", StringComparison.Ordinal));
    }
}
