using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// One element-wise function of two floats <c>y = f(a, b)</c>, written once per width; every vector body rounds each lane
/// as the scalar body does.
/// </summary>
internal interface IZipOp
{
    float Invoke(float a, float b);

    Vector128<float> Invoke(Vector128<float> a, Vector128<float> b);

    Vector256<float> Invoke(Vector256<float> a, Vector256<float> b);

    Vector512<float> Invoke(Vector512<float> a, Vector512<float> b);
}
