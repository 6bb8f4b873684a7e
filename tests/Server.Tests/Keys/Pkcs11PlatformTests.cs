using Server.Tests.Hosting;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary>The whole platform with <c>Platform:KeyStore:Provider Pkcs11</c> on a SoftHSM2 token.</summary>
public sealed class Pkcs11PlatformTests
{
    [Fact]
    public async Task Start_Pkcs11Provider_IssuesWithEveryPlatformKeyInTheTokenAndNoneInTheDataDirectory()
    {
        var hsm = SoftHsm.Require();
        var token = hsm.TakeToken();
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path, SoftHsm.PlatformArguments(token));

        var issued = await server.IssueAsync(TestCsrs.Ecdsa("CN=hsm.example.org", null, "hsm.example.org"), "tls-server");

        Assert.True(ChainsToTheRoot(issued, server), "the certificate does not chain to the platform's root");
        var listing = await hsm.Pkcs11ToolAsync("--token-label", token, "--list-objects", "--login", "--pin", SoftHsm.UserPin);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        var privateKeys = PrivateKeyLabels(listing.Output);
        foreach (var purpose in new[] { "ca-root-", "ca-issuing-", "ocsp-issuing-", "tsa-", "attribute-authority-", "audit-checkpoint-" })
        {
            Assert.Contains(privateKeys, label => label.StartsWith(purpose, StringComparison.Ordinal));
        }

        // The data directory keeps only the HTTPS listener's software key (docs/keys.md) and no key-encryption key for anything else.
        var keyFiles = Directory.EnumerateFiles(data.Path, "*.key", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.All(keyFiles, file => Assert.True(file == "admin.key" || file!.StartsWith("tls-server-", StringComparison.Ordinal), file));
        Assert.DoesNotContain(keyFiles, file => file!.StartsWith("ca-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_Pkcs11Provider_OpensTheCaKeysFromTheToken()
    {
        var token = SoftHsm.Require().TakeToken();
        using var data = new TemporaryDirectory();
        string root;
        await using (var first = await PlatformServer.StartAsync(data.Path, SoftHsm.PlatformArguments(token)))
        {
            root = await File.ReadAllTextAsync(first.DataFile("root-ca.pem"));
        }

        await using var second = await PlatformServer.StartAsync(data.Path, SoftHsm.PlatformArguments(token));
        var issued = await second.IssueAsync(TestCsrs.Ecdsa("CN=after.example.org", null, "after.example.org"), "tls-server");

        Assert.Equal(root, await File.ReadAllTextAsync(second.DataFile("root-ca.pem")));
        Assert.True(ChainsToTheRoot(issued, second));
        using var ocspIssuer = await second.HttpClient().GetAsync("/pki/cas/issuing/certificate");
        Assert.Equal(HttpStatusCode.OK, ocspIssuer.StatusCode);
    }

    [Fact]
    public async Task Start_WrongPin_RefusesToStartNamingTheSetting()
    {
        var token = SoftHsm.Require().TakeToken();
        using var data = new TemporaryDirectory();
        var arguments = SoftHsm.PlatformArguments(token);
        arguments[^1] = "000000";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(data.Path, arguments));

        Assert.Contains("Platform:KeyStore:Pkcs11:Pin", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "root-ca.pem")), "a hierarchy was created before the key store was checked");
    }

    [Fact]
    public async Task Start_Sm2HierarchyWithPkcs11Provider_RefusesNamingTheAlgorithmAndTheProvider()
    {
        var token = SoftHsm.Require().TakeToken();
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            PlatformServer.StartAsync(data.Path, [.. SoftHsm.PlatformArguments(token), "--Pki:Hierarchy:Algorithm", "SM2"]));

        Assert.Contains("SM2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pkcs11", error.Message, StringComparison.Ordinal);
    }

    private static bool ChainsToTheRoot(IssuedCertificateJson issued, PlatformServer server)
    {
        using var leaf = X509Certificate2.CreateFromPem(issued.Certificate);
        using var root = X509CertificateLoader.LoadCertificateFromFile(server.DataFile("root-ca.pem"));
        using var issuing = X509CertificateLoader.LoadCertificateFromFile(server.DataFile("issuing-ca.pem"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static List<string> PrivateKeyLabels(string listing) =>
        [.. Regex.Split(listing, @"(?m)^(?=\S)")
            .Where(block => block.StartsWith("Private Key Object", StringComparison.Ordinal))
            .Select(block => Regex.Match(block, @"label:\s+(\S+)").Groups[1].Value)];
}
