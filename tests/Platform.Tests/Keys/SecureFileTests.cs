using Platform.Keys;
using TestSupport;

namespace Platform.Tests.Keys;

public sealed class SecureFileTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    [Fact]
    public void WriteNew_NewPath_WritesTheContentOwnerReadWriteOnly()
    {
        var path = directory.File("secret.bin");

        SecureFile.WriteNew(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void WriteNew_ExistingPath_ThrowsKeepsTheOriginalAndLeavesNoTemporaryFile()
    {
        var path = directory.File("secret.bin");
        SecureFile.WriteNew(path, [1, 2, 3]);

        Assert.ThrowsAny<IOException>(() => SecureFile.WriteNew(path, [4, 5, 6]));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Replace_ExistingPath_ReplacesTheContentOwnerOnly_LeavesNoTemporaryFile()
    {
        var path = directory.File("secret.bin");
        File.WriteAllBytes(path, [1, 2, 3]);

        SecureFile.Replace(path, [4, 5]);

        Assert.Equal([4, 5], File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void WriteNew_MissingDirectory_CreatesIt()
    {
        var path = Path.Combine(directory.Path, "a", "b", "secret.bin");

        SecureFile.WriteNew(path, [1]);

        Assert.Equal([1], File.ReadAllBytes(path));
    }

    [Fact]
    public void WriteNew_ReadOnlyMode_IsApplied()
    {
        var path = directory.File("secret.bin");

        SecureFile.WriteNew(path, [1], UnixFileMode.UserRead);

        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(path));
    }

    public void Dispose() => directory.Dispose();
}
