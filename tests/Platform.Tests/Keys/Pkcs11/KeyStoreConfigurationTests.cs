using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Keys;
using Platform.Keys.Pkcs11;
using TestSupport;

namespace Platform.Tests.Keys.Pkcs11;

/// <summary>
/// <c>Platform:KeyStore</c> through the platform's own registration and start-up check, as the
/// host runs them: every configuration fault stops the start with a message naming its setting.
/// </summary>
public sealed class KeyStoreConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    [Fact]
    public async Task Provider_Default_IsTheSoftwareStore()
    {
        await using var services = Platform([]);

        Assert.IsNotType<Pkcs11KeyStore>(services.GetRequiredService<IKeyStore>());
        Assert.Same(services.GetRequiredService<IKeyStore>(), services.GetRequiredKeyedService<IKeyStore>(KeyStores.Transport));
    }

    [Fact]
    public async Task Provider_Pkcs11_KeysLiveInTheTokenAndNothingOfThemInTheDataDirectory()
    {
        var hsm = SoftHsm.Require();
        var token = hsm.TakeToken();
        await using var services = Platform(Pkcs11(token));
        await StartAsync(services);

        var store = services.GetRequiredService<IKeyStore>();
        var keys = new[] { KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048, KeyAlgorithm.Ed25519 }.Select(a => store.Create(a, "ca-root")).ToList();

        Assert.IsType<Pkcs11KeyStore>(store);
        Assert.All(keys, key => Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, "m"u8, key.Sign("m"u8))));
        // Not a key file, not a key-encryption key: the data directory holds nothing of these keys.
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Start_WrongPin_RefusesNamingThePinSetting()
    {
        var token = SoftHsm.Require().TakeToken();
        await using var services = Platform(Pkcs11(token, pin: "999999"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Pkcs11:Pin", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused the PIN", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("999999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WrongPinInThePinFile_RefusesNamingThePinFileSetting()
    {
        var token = SoftHsm.Require().TakeToken();
        File.WriteAllText(data.File("pin"), "999999\n");
        await using var services = Platform(Pkcs11(token, pin: null, pinFile: data.File("pin")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Pkcs11:PinFile", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused the PIN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PinFromThePinFile_LogsIn()
    {
        var token = SoftHsm.Require().TakeToken();
        var pinFile = Path.Combine(Path.GetTempPath(), "sp-pin-" + Guid.NewGuid().ToString("n"));
        File.WriteAllText(pinFile, SoftHsm.UserPin + "\n");
        try
        {
            await using var services = Platform(Pkcs11(token, pin: null, pinFile: pinFile));
            await StartAsync(services);

            var key = services.GetRequiredService<IKeyStore>().Create(KeyAlgorithm.EcdsaP256, "tsa");
            Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, "m"u8, key.Sign("m"u8)));
        }
        finally
        {
            File.Delete(pinFile);
        }
    }

    [Fact]
    public async Task Start_NoPin_RefusesNamingBothPinSettings()
    {
        var token = SoftHsm.Require().TakeToken();
        await using var services = Platform(Pkcs11(token, pin: null));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Pkcs11:Pin", error.Message, StringComparison.Ordinal);
        Assert.Contains("Platform:KeyStore:Pkcs11:PinFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownTokenLabel_RefusesNamingTheTokenLabelSetting()
    {
        SoftHsm.Require();
        await using var services = Platform(Pkcs11("no-such-token"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Pkcs11:TokenLabel 'no-such-token'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingLibrary_RefusesNamingTheLibrarySetting()
    {
        await using var services = Platform(Pkcs11("any", library: "/nonexistent/libpkcs11.so"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Pkcs11:Library '/nonexistent/libpkcs11.so'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LibraryThatIsNotPkcs11_RefusesNamingTheLibrarySetting()
    {
        File.WriteAllText(data.File("not-a-library.so"), "not an ELF file");
        await using var services = Platform(Pkcs11("any", library: data.File("not-a-library.so")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Pkcs11:Library", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not be loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoLibrarySetting_RefusesNamingIt()
    {
        await using var services = Platform(new Dictionary<string, string?> { ["Platform:KeyStore:Provider"] = "Pkcs11" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Pkcs11:Library is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownProvider_RefusesNamingTheProviderSetting()
    {
        await using var services = Platform(new Dictionary<string, string?> { ["Platform:KeyStore:Provider"] = "Vault" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(services));

        Assert.Contains("Platform:KeyStore:Provider 'Vault'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();

    private Dictionary<string, string?> Pkcs11(string token, string? pin = SoftHsm.UserPin, string? pinFile = null, string library = SoftHsm.Library) => new()
    {
        ["Platform:KeyStore:Provider"] = "Pkcs11",
        ["Platform:KeyStore:Pkcs11:Library"] = library,
        ["Platform:KeyStore:Pkcs11:TokenLabel"] = token,
        ["Platform:KeyStore:Pkcs11:Pin"] = pin,
        ["Platform:KeyStore:Pkcs11:PinFile"] = pinFile,
    };

    private ServiceProvider Platform(Dictionary<string, string?> settings)
    {
        settings["Platform:DataDirectory"] = data.Path;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPlatform(configuration).BuildServiceProvider();
    }

    /// <summary>The key store's start-up check, the first task the host runs.</summary>
    private static async Task StartAsync(IServiceProvider services)
    {
        foreach (var task in services.GetServices<IStartupTask>().Where(t => t.Order <= 0).OrderBy(t => t.Order))
        {
            await task.RunAsync(CancellationToken.None);
        }
    }
}
