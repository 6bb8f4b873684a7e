using Microsoft.Extensions.DependencyInjection;
using Platform.Cryptography;
using Platform.Keys;
using Platform.Keys.Inventory;
using System.Security.Cryptography;
using TestSupport;

namespace Platform.Tests.Keys.Inventory;

/// <summary>How the inventory joins the modules' claims with a real software store's files.</summary>
public sealed class KeyInventoryTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task List_ClaimsAndFiles_MergesByKey_ShowsMissingOfflineAndUnclaimed()
    {
        var store = new SoftwareKeyStore(directory.File("keys"), KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test"));
        var ca = store.Create(KeyAlgorithm.EcdsaP384, "ca-issuing").Id;
        var stray = store.Create(KeyAlgorithm.Ed25519, "stray").Id;
        var first = new KeyCertificate("0a", "CN=Issuing", DateTimeOffset.UnixEpoch);
        var link = new KeyCertificate("0b", "CN=Issuing", DateTimeOffset.UnixEpoch);
        var inventory = Inventory(store,
            new Claims([new KeyClaim(ca, "CA issuing", [first]), new KeyClaim("", "CA root", [new KeyCertificate("01", "CN=Root", null)])]),
            new Claims([new KeyClaim(ca, "CA issuing", [first, link]), new KeyClaim(ca, "signer", []), new KeyClaim("", "CA other-root", []),
                new KeyClaim("tsa-0011223344556677", "TSA", [KeyCertificate.Unavailable("0c")])]));

        var entries = await inventory.ListAsync();

        Assert.Equal([ca, "", "", "tsa-0011223344556677", stray], entries.Select(e => e.KeyId));
        var issuing = entries[0];
        Assert.Equal((KeyStoreSettings.Software, "ECDSA-P384"), (issuing.Store, issuing.Algorithm));
        Assert.Equal(["CA issuing", "signer"], issuing.Purposes);
        Assert.Equal(["0a", "0b"], issuing.Certificates.Select(c => c.SerialNumber)); // one certificate reported twice is shown once
        Assert.All(entries.Skip(1).Take(2), e => Assert.Equal((KeyInventoryEntry.Offline, (string?)null), (e.Store, e.Location)));
        Assert.Equal(["CA root"], entries[1].Purposes); // two offline CAs are two entries, not one merged by their empty id
        Assert.Equal(KeyInventoryEntry.Missing, entries[3].Store);
        Assert.True(entries[3].Claimed);
        Assert.Equal((false, "Ed25519", KeyStoreSettings.Software), (entries[4].Claimed, entries[4].Algorithm, entries[4].Store));
    }

    [Fact]
    public async Task List_KeyFileNotInTheKeyFormat_ListedAsUnreadable()
    {
        var keys = directory.File("keys");
        Directory.CreateDirectory(keys);
        await File.WriteAllTextAsync(Path.Combine(keys, "broken.key"), "not a key\n");
        var store = new SoftwareKeyStore(keys, KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test"));

        var entry = Assert.Single(await Inventory(store).ListAsync());

        Assert.Equal(("broken", "unreadable", false), (entry.KeyId, entry.Algorithm, entry.Claimed));
    }

    private static KeyInventory Inventory(SoftwareKeyStore store, params IKeyInventorySource[] sources)
    {
        var services = new ServiceCollection()
            .AddKeyedSingleton<IKeyStore>(KeyStores.Transport, store)
            .AddSingleton<IKeyStore>(store)
            .BuildServiceProvider();
        return new KeyInventory(services, sources);
    }

    /// <summary>A module's account, as given.</summary>
    private sealed class Claims(IReadOnlyList<KeyClaim> claims) : IKeyInventorySource
    {
        public Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(claims);
    }
}
