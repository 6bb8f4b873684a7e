using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary><c>Platform:Keys:KeyEncryptionKeySource Pkcs11</c>: the software keys' KEK is kept only wrapped by the token.</summary>
public sealed class Pkcs11WrappedKekTests
{
    [Fact]
    public async Task Start_Pkcs11KekSource_KeepsOnlyAWrappedKek_RestartOpensTheSoftwareKeys()
    {
        var hsm = SoftHsm.Require();
        var token = hsm.TakeToken();
        using var data = new TemporaryDirectory();
        string[] arguments = [.. SoftHsm.PlatformArguments(token), "--Platform:KeyStore:Provider", "Software", "--Platform:Keys:KeyEncryptionKeySource", "Pkcs11"];
        await using (await PlatformServer.StartAsync(data.Path, arguments))
        {
        }

        Assert.False(File.Exists(Path.Combine(data.Path, "kek.bin")));
        var wrapped = await File.ReadAllTextAsync(Path.Combine(data.Path, "kek.wrapped"));
        Assert.StartsWith("wkek1 ", wrapped, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.Path, "keys"), "ca-root-*.key"));

        var listing = await hsm.Pkcs11ToolAsync("--token-label", token, "--list-objects", "--login", "--pin", SoftHsm.UserPin);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains("platform-kek-wrap", listing.Output, StringComparison.Ordinal);
        Assert.Contains("never extractable", listing.Output, StringComparison.Ordinal);

        await using var server = await PlatformServer.StartAsync(data.Path, arguments);
        var issued = await server.IssueAsync(TestCsrs.Ecdsa("CN=wrapped.example.org", null, "wrapped.example.org"), "tls-server");
        Assert.NotEmpty(issued.Certificate);
    }

    [Fact]
    public async Task Start_Pkcs11KekSource_AnotherToken_RefusesToStart()
    {
        var hsm = SoftHsm.Require();
        var first = hsm.TakeToken();
        var second = hsm.TakeToken();
        using var data = new TemporaryDirectory();
        await using (await PlatformServer.StartAsync(data.Path, [.. SoftHsm.PlatformArguments(first), "--Platform:KeyStore:Provider", "Software", "--Platform:Keys:KeyEncryptionKeySource", "Pkcs11"]))
        {
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => PlatformServer.StartAsync(data.Path,
            [.. SoftHsm.PlatformArguments(second), "--Platform:KeyStore:Provider", "Software", "--Platform:Keys:KeyEncryptionKeySource", "Pkcs11"]));
        Assert.Contains("platform-kek-wrap", refused.ToString(), StringComparison.Ordinal);
    }
}
