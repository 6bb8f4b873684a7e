using Server.Cli;
using Server.Tests.Hosting;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary><c>keys list</c> on software keys: every platform key claimed with its purpose and certificates, strays and gaps shown, audited.</summary>
public sealed class KeyInventoryTests : IDisposable
{
    private static readonly string[] PlatformPurposes =
    [
        "CA root", "CA issuing", "OCSP responder of CA root", "OCSP responder of CA issuing", "HTTPS server", "TSA", "attribute authority", "audit checkpoints",
        "identity token signing (current)", "gateway identity signatures (current)",
    ];

    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    private string KeysDirectory => Path.Combine(data.Path, "keys");

    [Fact]
    public async Task List_StartedPlatform_EveryKeyFileClaimedWithItsPurposeAndCertificate()
    {
        await StartAndStopAsync();

        var (status, entries) = await ListJsonAsync();

        Assert.Equal(0, status);
        var files = Directory.GetFiles(KeysDirectory, "*.key").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, entries.Select(e => e.GetProperty("keyId").GetString()).Order(StringComparer.Ordinal).ToList());
        Assert.All(entries, e =>
        {
            Assert.Equal("Software", e.GetProperty("store").GetString());
            Assert.True(e.GetProperty("claimed").GetBoolean(), e.ToString());
            Assert.Equal(Path.Combine(KeysDirectory, e.GetProperty("keyId").GetString() + ".key"), e.GetProperty("location").GetString());
        });
        Assert.Equal(PlatformPurposes.Order(StringComparer.Ordinal), entries.SelectMany(Purposes).Order(StringComparer.Ordinal));

        // The CA keys carry the certificates the data directory publishes.
        AssertCarries(ByPurpose(entries, "CA root"), data.File("root-ca.pem"));
        AssertCarries(ByPurpose(entries, "CA issuing"), data.File("issuing-ca.pem"));
        foreach (var purpose in PlatformPurposes.Where(p => p is not ("audit checkpoints" or "identity token signing (current)")))
        {
            var certificate = Assert.Single(ByPurpose(entries, purpose).GetProperty("certificates").EnumerateArray());
            Assert.False(string.IsNullOrEmpty(certificate.GetProperty("subject").GetString()), purpose);
            Assert.Equal(JsonValueKind.String, certificate.GetProperty("notAfter").ValueKind);
        }

        var checkpoint = ByPurpose(entries, "audit checkpoints");
        Assert.Equal("Ed25519", checkpoint.GetProperty("algorithm").GetString());
        Assert.Empty(checkpoint.GetProperty("certificates").EnumerateArray());
        Assert.Equal("ECDSA-P256", ByPurpose(entries, "CA issuing").GetProperty("algorithm").GetString());
    }

    [Fact]
    public async Task List_ExtraKeyFileAndDeletedKeyFile_ShownUnclaimedAndMissing()
    {
        await StartAndStopAsync();
        var (_, before) = await ListJsonAsync();
        var tsaKey = ByPurpose(before, "TSA").GetProperty("keyId").GetString()!;
        var caKey = ByPurpose(before, "CA issuing").GetProperty("keyId").GetString()!;
        File.Copy(Path.Combine(KeysDirectory, caKey + ".key"), Path.Combine(KeysDirectory, "stray-00112233aabbccdd.key"));
        File.Delete(Path.Combine(KeysDirectory, tsaKey + ".key"));

        var (status, entries) = await ListJsonAsync();

        Assert.Equal(0, status);
        var stray = Assert.Single(entries, e => e.GetProperty("keyId").GetString() == "stray-00112233aabbccdd");
        Assert.False(stray.GetProperty("claimed").GetBoolean());
        Assert.Empty(Purposes(stray));
        Assert.Equal(("Software", "ECDSA-P256"), (stray.GetProperty("store").GetString(), stray.GetProperty("algorithm").GetString()));
        var missing = Assert.Single(entries, e => e.GetProperty("keyId").GetString() == tsaKey);
        Assert.Equal("missing", missing.GetProperty("store").GetString());
        Assert.Equal(["TSA"], Purposes(missing));
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("location").ValueKind);
        Assert.Single(missing.GetProperty("certificates").EnumerateArray()); // what the TSA recorded, though the key is gone

        // The table says the same to a person.
        var table = new StringWriter();
        Assert.Equal(0, await KeysListCommand.RunAsync(["--Platform:DataDirectory", data.Path], table));
        var lines = table.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("stray-00112233aabbccdd ", StringComparison.Ordinal) && l.Contains("(unclaimed)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(tsaKey + " ", StringComparison.Ordinal) && l.Contains(" missing ", StringComparison.Ordinal) && l.Contains(" TSA ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_RecordsKeysListEvent_WithTheCounts_LogStillVerifies()
    {
        await StartAndStopAsync();
        File.WriteAllText(Path.Combine(KeysDirectory, "stray-00112233aabbccdd.key"), "spk1 Ed25519 AAAA\n");
        Assert.Empty(await KeyCommandAudit.EventsAsync(data.Path, "keys.list"));

        var (status, entries) = await ListJsonAsync();

        Assert.Equal(0, status);
        var recorded = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.list"));
        Assert.Equal("success", recorded.GetProperty("outcome").GetString());
        Assert.Equal("platform", recorded.GetProperty("module").GetString());
        Assert.Equal("ceremony:" + Environment.UserName, recorded.GetProperty("actor").GetProperty("user").GetString());
        var details = recorded.GetProperty("details");
        Assert.Equal(entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), details.GetProperty("keys").GetString());
        Assert.Equal("1", details.GetProperty("unclaimed").GetString());
        Assert.Equal("0", details.GetProperty("missing").GetString());
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    [Fact]
    public async Task List_JsonAsAProcess_StandardOutputIsOnlyTheJsonArray()
    {
        await StartAndStopAsync();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ServerProcess.ServerDll(), "keys", "list", "--json", "--Platform:DataDirectory", data.Path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await error);
        using var document = JsonDocument.Parse(await output); // log lines went to standard error
        Assert.Equal(PlatformPurposes.Length, document.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task List_WhileTheServerRuns_ListsAndRecords_ServerKeepsAuditing_LogVerifies()
    {
        await using (var server = await PlatformServer.StartAsync(data.Path))
        {
            var (status, entries) = await ListJsonAsync();
            Assert.Equal(0, status);
            Assert.Equal(PlatformPurposes.Length, entries.Count);

            // The server appends after the command did, on the same log.
            await server.IssueAsync(TestCsrs.Ecdsa("CN=during.example.org", null, "during.example.org"), "tls-server");
        }

        Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.list"));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    [Fact]
    public async Task List_AfterRootRollover_EachGenerationCarriesItsCertificateAndTheLinkWithItsKey()
    {
        await StartAndStopAsync();
        Assert.Equal(0, await CommandLine.RunAsync(["pki", "ca", "rollover", "--ca", "root", "--Platform:DataDirectory", data.Path]));

        var (status, entries) = await ListJsonAsync();

        Assert.Equal(0, status);
        // root.2-ca-links.pem: new-with-old (the new key), then old-with-new (the old key).
        var links = new X509Certificate2Collection();
        links.ImportFromPemFile(data.File("root.2-ca-links.pem"));
        var (newWithOld, oldWithNew) = (Serial(links[0]), Serial(links[1]));
        using var oldRoot = X509CertificateLoader.LoadCertificateFromFile(data.File("root-ca.pem"));
        using var newRoot = X509CertificateLoader.LoadCertificateFromFile(data.File("root.2-ca.pem"));
        Assert.Equal([Serial(oldRoot), oldWithNew], Serials(ByPurpose(entries, "CA root (superseded by root.2)")));
        Assert.Equal([Serial(newRoot), newWithOld], Serials(ByPurpose(entries, "CA root.2")));
        Assert.StartsWith("ca-root-2-", ByPurpose(entries, "CA root.2").GetProperty("keyId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadUsage_ExitsTwo()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["keys", "list", "--all"]));
        Assert.Equal(2, await CommandLine.RunAsync(["keys", "list", "--Platform:DataDirectory"]));
        Assert.Equal(2, await CommandLine.RunAsync(["keys", "show"]));
    }

    private async Task StartAndStopAsync()
    {
        await using (await PlatformServer.StartAsync(data.Path))
        {
        }
    }

    private async Task<(int Status, List<JsonElement> Entries)> ListJsonAsync()
    {
        var output = new StringWriter();
        var status = await KeysListCommand.RunAsync(["--json", "--Platform:DataDirectory", data.Path], output);
        if (status != 0)
        {
            return (status, []);
        }

        using var document = JsonDocument.Parse(output.ToString());
        return (status, [.. document.RootElement.EnumerateArray().Select(e => e.Clone())]);
    }

    internal static JsonElement ByPurpose(List<JsonElement> entries, string purpose) => Assert.Single(entries, e => Purposes(e).Contains(purpose));

    internal static List<string> Purposes(JsonElement entry) => [.. entry.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()!)];

    private static string Serial(X509Certificate2 certificate) => certificate.SerialNumber.TrimStart('0').ToLowerInvariant();

    private static List<string> Serials(JsonElement entry) =>
        [.. entry.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("serialNumber").GetString()!)];

    private static void AssertCarries(JsonElement entry, string pemFile)
    {
        using var expected = X509CertificateLoader.LoadCertificateFromFile(pemFile);
        var certificate = Assert.Single(entry.GetProperty("certificates").EnumerateArray());
        Assert.Equal(Serial(expected), certificate.GetProperty("serialNumber").GetString());
        Assert.Equal(expected.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            certificate.GetProperty("notAfter").GetString());
        Assert.Contains("CN=SecurityPlatform", certificate.GetProperty("subject").GetString(), StringComparison.Ordinal);
    }
}
