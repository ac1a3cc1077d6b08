using System.Runtime.InteropServices;

namespace Verification.Properties.Support;

/// <summary>
/// Floats in memory the operating system maps between two inaccessible pages, placed to end exactly where the upper
/// page begins (<see cref="Placement.EndAtGuard"/>) or to start exactly where the lower page ends
/// (<see cref="Placement.StartAtGuard"/>). A kernel that reads or writes one float past the end (or before the start)
/// through a pointer takes a segmentation fault there instead of silently touching a neighbour: the test host dies and
/// <c>dotnet test</c> fails. The managed heap cannot do this: an array's neighbours are other objects.
/// </summary>
public sealed unsafe class GuardedFloats : IDisposable
{
    public enum Placement { EndAtGuard, StartAtGuard }

    private readonly byte* _mapping;
    private readonly nuint _mappingBytes;
    private readonly float* _first;

    public int Length { get; }

    public GuardedFloats(int length, Placement placement)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        nuint page = (nuint)Environment.SystemPageSize;
        nuint dataBytes = ((nuint)length * sizeof(float) + page - 1) / page * page;
        _mappingBytes = dataBytes + 2 * page;
        _mapping = Map(_mappingBytes);
        try
        {
            Protect(_mapping, page);
            Protect(_mapping + page + dataBytes, page);
        }
        catch
        {
            Unmap(_mapping, _mappingBytes);
            throw;
        }
        Length = length;
        _first = placement == Placement.StartAtGuard
            ? (float*)(_mapping + page)
            : (float*)(_mapping + page + dataBytes) - length;
    }

    public Span<float> Span => new(_first, Length);

    public void Dispose() => Unmap(_mapping, _mappingBytes);

    private static byte* Map(nuint bytes)
    {
        if (OperatingSystem.IsWindows())
        {
            byte* p = (byte*)VirtualAlloc(null, bytes, MemCommitReserve, PageReadWrite);
            return p != null ? p : throw new InvalidOperationException($"VirtualAlloc of {bytes} bytes failed");
        }
        int anonymous = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 0x1000 : 0x20;
        void* q = mmap(null, bytes, ProtRead | ProtWrite, MapPrivate | anonymous, -1, 0);
        return q != (void*)-1 ? (byte*)q : throw new InvalidOperationException($"mmap of {bytes} bytes failed");
    }

    private static void Protect(byte* start, nuint bytes)
    {
        bool done = OperatingSystem.IsWindows() ? VirtualProtect(start, bytes, PageNoAccess, out _) : mprotect(start, bytes, 0) == 0;
        if (!done) throw new InvalidOperationException($"making {bytes} bytes inaccessible failed");
    }

    private static void Unmap(byte* start, nuint bytes)
    {
        if (OperatingSystem.IsWindows()) VirtualFree(start, 0, MemRelease);
        else munmap(start, bytes);
    }

    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2;
    private const uint MemCommitReserve = 0x3000, MemRelease = 0x8000, PageReadWrite = 4, PageNoAccess = 1;

    [DllImport("libc", SetLastError = true)] private static extern void* mmap(void* addr, nuint length, int prot, int flags, int fd, nint offset);
    [DllImport("libc", SetLastError = true)] private static extern int mprotect(void* addr, nuint length, int prot);
    [DllImport("libc", SetLastError = true)] private static extern int munmap(void* addr, nuint length);
    [DllImport("kernel32", SetLastError = true)] private static extern void* VirtualAlloc(void* addr, nuint size, uint type, uint protect);
    [DllImport("kernel32", SetLastError = true)] private static extern bool VirtualProtect(void* addr, nuint size, uint protect, out uint old);
    [DllImport("kernel32", SetLastError = true)] private static extern bool VirtualFree(void* addr, nuint size, uint type);
}
