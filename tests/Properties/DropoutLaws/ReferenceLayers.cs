using Verification.Core;

namespace Verification.Properties.DropoutLaws;

/// <summary>The layers under test, as factories the laws in <see cref="DropoutLaws"/> can run.</summary>
public static class ReferenceLayers
{
    /// <summary><c>Verification.Reference.Dropout</c>.</summary>
    public static readonly DropoutFactory Dropout = (p, generator) => new Reference.Dropout(p, generator);

    /// <summary><c>Verification.Reference.Dropout2d</c>.</summary>
    public static readonly DropoutFactory Dropout2d = (p, generator) => new Reference.Dropout2d(p, generator);

    /// <summary>The number of elements in one (n, c) plane of a channel-dropout input.</summary>
    public static int ChannelSize(Tensor x) => x.Length / (x.Size(0) * x.Size(1));
}
