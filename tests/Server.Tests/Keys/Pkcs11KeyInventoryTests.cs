using Server.Cli;
using Server.Tests.Hosting;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary><c>keys list</c> with <c>Platform:KeyStore:Provider Pkcs11</c> on a SoftHSM2 token.</summary>
public sealed class Pkcs11KeyInventoryTests
{
    [Fact]
    public async Task List_Pkcs11Provider_TokenKeysListedWithStorePkcs11AndTheTokenLabel_HttpsKeyInSoftware()
    {
        var token = SoftHsm.Require().TakeToken();
        using var data = new TemporaryDirectory();
        var arguments = SoftHsm.PlatformArguments(token);
        await using (await PlatformServer.StartAsync(data.Path, arguments))
        {
        }

        var output = new StringWriter();
        Assert.Equal(0, await KeysListCommand.RunAsync(["--json", "--Platform:DataDirectory", data.Path, .. arguments], output));

        using var document = JsonDocument.Parse(output.ToString());
        var entries = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        foreach (var purpose in new[] { "CA root", "CA issuing", "OCSP responder of CA root", "OCSP responder of CA issuing", "TSA", "attribute authority", "audit checkpoints" })
        {
            var entry = KeyInventoryTests.ByPurpose(entries, purpose);
            Assert.Equal("Pkcs11", entry.GetProperty("store").GetString());
            Assert.Equal(token, entry.GetProperty("location").GetString());
            Assert.Equal(purpose == "audit checkpoints" ? "Ed25519" : "ECDSA-P256", entry.GetProperty("algorithm").GetString());
        }

        var https = KeyInventoryTests.ByPurpose(entries, "HTTPS server");
        Assert.Equal("Software", https.GetProperty("store").GetString());
        Assert.DoesNotContain(entries, e => e.GetProperty("store").GetString() == "missing" || !e.GetProperty("claimed").GetBoolean());
        Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.list"));
    }
}
