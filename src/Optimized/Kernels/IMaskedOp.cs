using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// <c>y = f(x, kept)</c> with one mask bit per element: the vector bodies receive the bits as lanes of all ones (kept)
/// or all zeros (dropped), and round each lane as the scalar body does.
/// </summary>
internal interface IMaskedOp
{
    float Invoke(float x, bool kept);

    Vector128<float> Invoke(Vector128<float> x, Vector128<float> kept);

    Vector256<float> Invoke(Vector256<float> x, Vector256<float> kept);

    Vector512<float> Invoke(Vector512<float> x, Vector512<float> kept);
}
