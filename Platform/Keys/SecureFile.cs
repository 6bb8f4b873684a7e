namespace Platform.Keys;

/// <summary>Writes secret files: owner-only mode, complete or absent after a crash.</summary>
public static class SecureFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to a new file with mode 0600, flushed to disk, through a
    /// temporary file and a rename so a crash never leaves half a file. Never overwrites.
    /// </summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite) =>
        Write(path, content, mode, overwrite: false);

    /// <summary>
    /// Like <see cref="WriteNew"/> but replaces an existing file: the rename is atomic, so after a
    /// crash the path holds either the old content or the new, never a mix.
    /// </summary>
    public static void Replace(string path, ReadOnlySpan<byte> content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite) =>
        Write(path, content, mode, overwrite: true);

    private static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("n") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
