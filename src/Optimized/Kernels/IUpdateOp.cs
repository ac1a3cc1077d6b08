using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// An optimizer's update of one parameter element in place: the weight <c>w</c>, its gradient <c>g</c> and two state
/// values <c>m</c>, <c>v</c> (moments or a momentum buffer). Every vector body rounds each lane as the scalar body does.
/// </summary>
internal interface IUpdateOp
{
    void Invoke(ref float w, float g, ref float m, ref float v);

    void Invoke(ref Vector128<float> w, Vector128<float> g, ref Vector128<float> m, ref Vector128<float> v);

    void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> m, ref Vector256<float> v);

    void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> m, ref Vector512<float> v);
}
