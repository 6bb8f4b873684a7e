using Platform.Keys;
using TestSupport;

namespace Platform.Tests.Keys;

/// <summary>The directory flush behind <see cref="SecureFile.Replace"/>: libc is reached and its refusals are reported, not ignored.</summary>
public sealed class DirectorySyncTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Flush_ExistingDirectory_Succeeds()
    {
        DirectorySync.Flush(directory.Path);
    }

    [Fact]
    public void Flush_MissingDirectory_ThrowsIOExceptionNamingIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The directory flush is done on Linux only.");
        }

        var missing = directory.File("absent");

        var error = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
