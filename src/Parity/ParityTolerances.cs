namespace Verification.Parity;

/// <summary>
/// Every tolerance of the parity checks, in one place, each with its reason. Bit-exact wherever PyTorch's
/// computation is exact and sequential; a few ulp where it uses vectorised math or another summation order.
/// </summary>
public static class ParityTolerances
{
    /// <summary>
    /// randn/normal_ on 16 or more elements: PyTorch transforms blocks of 16 with SLEEF's vectorised log/cos/sin
    /// (1-ulp functions) and fused multiply-adds; we use the C library's. Values are O(1), so 2e-6 is a few ulp.
    /// </summary>
    public static readonly Tolerance BlockNormal = Tolerance.Within(2e-6, 2e-6);
}
