using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// One element-wise function <c>y = f(x)</c> written once per width, as TensorPrimitives' operator structs are: the
/// scalar body and the 128-, 256- and 512-bit bodies must round every lane exactly as the scalar body does.
/// <typeparamref name="TIn"/> and <typeparamref name="TOut"/> have the same size, so a vector holds as many of each.
/// </summary>
internal interface IMapOp<TIn, TOut>
{
    TOut Invoke(TIn x);

    Vector128<TOut> Invoke(Vector128<TIn> x);

    Vector256<TOut> Invoke(Vector256<TIn> x);

    Vector512<TOut> Invoke(Vector512<TIn> x);
}
