using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Hosting;
using Platform.Keys;
using System.Security.Cryptography;
using TestSupport;

namespace Platform.Tests.Keys;

public sealed class KeyEncryptionKeyTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    private string DataDirectory => directory.File("data");

    [Fact]
    public void Resolve_NothingConfigured_GeneratesAnOwnerOnlyFileInTheDataDirectory()
    {
        var kek = KeyEncryptionKey.Resolve(Options(), NullLogger.Instance);

        var file = Path.Combine(DataDirectory, "kek.bin");
        Assert.Equal(kek.Key, File.ReadAllBytes(file));
        Assert.Equal(32, kek.Key.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Resolve_UnknownSource_ThrowsNamingTheSetting()
    {
        var options = Options();
        options.Keys.KeyEncryptionKeySource = "Vault";

        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Resolve(options, NullLogger.Instance));

        Assert.Contains("Platform:Keys:KeyEncryptionKeySource", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "kek.bin")));
    }

    [Fact]
    public async Task Rewrap_Pkcs11Source_RefusesAndChangesNothing()
    {
        var options = Options();
        options.Keys.KeyEncryptionKeySource = "Pkcs11";
        await using var services = new ServiceCollection().BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SoftwareKeyRewrap.RunAsync(options, new byte[32], services));

        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AfterGenerating_ReadsTheSameKeyBack()
    {
        var first = KeyEncryptionKey.Resolve(Options(), NullLogger.Instance);

        var second = KeyEncryptionKey.Resolve(Options(), NullLogger.Instance);

        Assert.Equal(first.Key, second.Key);
    }

    [Fact]
    public void Resolve_ConfiguredKey_UsesItAndWritesNoFile()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        var kek = KeyEncryptionKey.Resolve(Options(configuredKey: Convert.ToBase64String(key)), NullLogger.Instance);

        Assert.Equal(key, kek.Key);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "kek.bin")));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Resolve_ConfiguredKeyOfWrongLength_RefusesNamingTheSettingAndLength(int length)
    {
        var options = Options(configuredKey: Convert.ToBase64String(RandomNumberGenerator.GetBytes(length)));

        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Resolve(options, NullLogger.Instance));

        Assert.Contains("Platform:Keys:KeyEncryptionKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ConfiguredKeyNotBase64_RefusesNamingTheSettingWithoutEchoingIt()
    {
        const string value = "not base64 at all!";

        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Resolve(Options(configuredKey: value), NullLogger.Instance));

        Assert.Contains("Platform:Keys:KeyEncryptionKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ConfiguredFile_UsesIt()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var file = directory.File("kek-from-vault.bin");
        File.WriteAllBytes(file, key);

        var kek = KeyEncryptionKey.Resolve(Options(configuredFile: file), NullLogger.Instance);

        Assert.Equal(key, kek.Key);
    }

    [Fact]
    public void Resolve_ConfiguredFileMissing_RefusesNamingTheFileAndGeneratesNothing()
    {
        var file = directory.File("missing.bin");

        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Resolve(Options(configuredFile: file), NullLogger.Instance));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Resolve_ConfiguredFileOfWrongLength_RefusesNamingTheFile()
    {
        var file = directory.File("short.bin");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(16));

        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Resolve(Options(configuredFile: file), NullLogger.Instance));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => directory.Dispose();

    private PlatformOptions Options(string? configuredKey = null, string? configuredFile = null) => new()
    {
        DataDirectory = DataDirectory,
        Keys = new KeySettings { KeyEncryptionKey = configuredKey, KeyEncryptionKeyFile = configuredFile },
    };
}
