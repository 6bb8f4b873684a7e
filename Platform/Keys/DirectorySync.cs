using System.Runtime.InteropServices;

namespace Platform.Keys;

/// <summary>
/// Flushes a directory's entries to disk. A rename is durable only once the directory holding it
/// is synced (POSIX <c>fsync</c> on the directory): without it a crash soon after can bring back
/// the old name, or neither. .NET opens no directory as a file, so libc is called directly (by its
/// soname: Debian ships the unversioned <c>libc.so</c> only with the development package). Only on
/// Linux: Windows has no directory handle to flush, and macOS needs <c>F_FULLFSYNC</c> for a real barrier.
/// </summary>
internal static class DirectorySync
{
    private const string LibC = "libc.so.6";
    private const int ReadOnly = 0;

    /// <summary>Syncs <paramref name="directory"/>; throws <see cref="IOException"/> when the system refuses.</summary>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"The directory {directory} could not be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (fsync(descriptor) != 0)
            {
                throw new IOException($"The directory {directory} could not be flushed to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    [DllImport(LibC, ExactSpelling = true, SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(LibC, ExactSpelling = true, SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport(LibC, ExactSpelling = true, SetLastError = true)]
    private static extern int close(int descriptor);
}
