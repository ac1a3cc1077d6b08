using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>Dropout's masked multiply, once per width: <c>y = x · (kept ? s : 0)</c> (the noise is s or +0, as ATen's mask tensor).</summary>
internal readonly struct KeptScale(float scale) : IMaskedOp
{
    public float Invoke(float x, bool kept) => x * (kept ? scale : 0f);

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> kept) => x * (Vector128.Create(scale) & kept);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> kept) => x * (Vector256.Create(scale) & kept);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> kept) => x * (Vector512.Create(scale) & kept);
}

/// <summary>Alpha dropout's masked affine map, once per width: <c>y = x · (kept ? s : 0) + (kept ? b₁ : b₀)</c>, two roundings.</summary>
internal readonly struct KeptAffine(float scale, float keptShift, float droppedShift) : IMaskedOp
{
    public float Invoke(float x, bool kept) => x * (kept ? scale : 0f) + (kept ? keptShift : droppedShift);

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> kept) =>
        x * (Vector128.Create(scale) & kept) + Vector128.ConditionalSelect(kept, Vector128.Create(keptShift), Vector128.Create(droppedShift));

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> kept) =>
        x * (Vector256.Create(scale) & kept) + Vector256.ConditionalSelect(kept, Vector256.Create(keptShift), Vector256.Create(droppedShift));

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> kept) =>
        x * (Vector512.Create(scale) & kept) + Vector512.ConditionalSelect(kept, Vector512.Create(keptShift), Vector512.Create(droppedShift));
}

/// <summary>One alpha-dropout group's affine map, once per width: <c>y = x·s + b</c>, the product and the sum rounded separately.</summary>
internal readonly struct ScaleShift(float scale, float shift) : IMapOp<float, float>
{
    public float Invoke(float x) => x * scale + shift;

    public Vector128<float> Invoke(Vector128<float> x) => x * Vector128.Create(scale) + Vector128.Create(shift);

    public Vector256<float> Invoke(Vector256<float> x) => x * Vector256.Create(scale) + Vector256.Create(shift);

    public Vector512<float> Invoke(Vector512<float> x) => x * Vector512.Create(scale) + Vector512.Create(shift);
}
