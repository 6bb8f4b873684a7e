using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Platform.Security;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Hierarchies;

/// <summary>
/// Data directories made with the default hierarchy alone (as every one was before
/// <c>Pki:Hierarchies</c>) keep their CAs across restarts: the same certificates, the same keys,
/// the same PEM files, and no CA record more than the configuration asks for.
/// </summary>
public sealed class HierarchyUpgradeTests
{
    private static readonly string[] DefaultPemFiles = ["root-ca.pem", "issuing-ca.pem", "ca-chain.pem"];

    [Fact]
    public async Task Restart_DefaultHierarchyOnly_KeepsItsCasAndPemFilesAndAddsNoCa()
    {
        using var data = new TemporaryDirectory();
        Snapshot before;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            before = Snapshot.Of(first);
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        var after = Snapshot.Of(second);

        Assert.Equal(["root", "issuing"], before.Cas.Select(c => c.Name));
        Assert.Equal(before.Cas, after.Cas);
        Assert.Equal(before.PemFiles, after.PemFiles);
        Assert.Equal(before.ServerCertificate, after.ServerCertificate);
        Assert.Equal("issuing", after.Transport);
        AssertFilesMatchTheCas(second, after);
    }

    [Fact]
    public async Task Restart_AfterAddingAHierarchy_KeepsRootAndIssuingAndAddsOnlyItsCas()
    {
        using var data = new TemporaryDirectory();
        string[] gov = ["--Pki:Hierarchies:gov:Algorithm", "ECDSA-P384"];
        Snapshot before, added;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            before = Snapshot.Of(first);
        }

        await using (var second = await PlatformServer.StartAsync(data.Path, gov))
        {
            added = Snapshot.Of(second);
            AssertFilesMatchTheCas(second, added);
        }

        Assert.Equal(["root", "issuing", "gov-root", "gov-issuing"], added.Cas.Select(c => c.Name));
        Assert.Equal(before.Cas, added.Cas.Take(2));
        Assert.Equal(("gov", (string?)"gov-root", "ECDSA-P384"), (added.Cas[3].Hierarchy, added.Cas[3].Parent, added.Cas[3].Algorithm));
        Assert.Equal(("gov", (string?)null), (added.Cas[2].Hierarchy, added.Cas[2].Parent));
        foreach (var file in before.PemFiles.Keys)
        {
            Assert.Equal(before.PemFiles[file], added.PemFiles[file]);
        }

        Assert.Equal(["gov-issuing-ca-chain.pem", "gov-issuing-ca.pem", "gov-root-ca.pem"],
            added.PemFiles.Keys.Except(before.PemFiles.Keys).Order(StringComparer.Ordinal));
        // The default hierarchy still carries the platform's TLS credentials.
        Assert.Equal("issuing", added.Transport);
        Assert.Equal(before.ServerCertificate, added.ServerCertificate);

        // And the new hierarchy is itself kept on the next start.
        await using var third = await PlatformServer.StartAsync(data.Path, gov);
        var again = Snapshot.Of(third);
        Assert.Equal(added.Cas, again.Cas);
        Assert.Equal(added.PemFiles, again.PemFiles);
    }

    [Fact]
    public async Task Restart_Sm2DefaultHierarchy_KeepsTheBuiltInTransportHierarchy()
    {
        using var data = new TemporaryDirectory();
        Snapshot before;
        await using (var first = await PlatformServer.StartAsync(data.Path, "--Pki:Hierarchy:Algorithm", "SM2"))
        {
            before = Snapshot.Of(first);
        }

        await using var second = await PlatformServer.StartAsync(data.Path, "--Pki:Hierarchy:Algorithm", "SM2");
        var after = Snapshot.Of(second);

        Assert.Equal(
        [
            ("root", "default", "SM2"), ("issuing", "default", "SM2"),
            ("transport-root", "transport", "ECDSA-P256"), ("transport-issuing", "transport", "ECDSA-P256"),
        ], before.Cas.Select(c => (c.Name, c.Hierarchy, c.Algorithm)));
        Assert.Equal(before.Cas, after.Cas);
        Assert.Equal(before.PemFiles, after.PemFiles);
        Assert.Contains("transport-root-ca.pem", after.PemFiles.Keys);
        Assert.Equal("transport-issuing", after.Transport);
        // The HTTPS certificate is not reissued: its CA is still the transport CA it came from.
        Assert.Equal(before.ServerCertificate, after.ServerCertificate);
        AssertFilesMatchTheCas(second, after);
    }

    /// <summary>Every CA's PEM file holds that CA's certificate, and each chain file its chain.</summary>
    private static void AssertFilesMatchTheCas(PlatformServer server, Snapshot snapshot)
    {
        var registry = server.Services.GetRequiredService<CaRegistry>();
        Assert.Equal(registry.Root.Pem, snapshot.PemFiles["root-ca.pem"]);
        Assert.Equal(registry.Issuing.Pem, snapshot.PemFiles["issuing-ca.pem"]);
        Assert.Equal(registry.Issuing.Pem + registry.Root.Pem, snapshot.PemFiles["ca-chain.pem"]);
        foreach (var ca in registry.All.Where(c => c.Hierarchy != "default"))
        {
            Assert.Equal(ca.Pem, snapshot.PemFiles[ca.Name + "-ca.pem"]);
            if (ca.IsIssuing)
            {
                Assert.Equal(string.Concat(registry.ChainPem(ca)), snapshot.PemFiles[ca.Name + "-ca-chain.pem"]);
            }
        }
    }

    /// <summary>One CA as loaded: its certificate (base64 DER) and the id of the key it signs with.</summary>
    private sealed record CaState(string Name, string Hierarchy, string? Parent, string Algorithm, string KeyId, string Certificate);

    /// <summary>What a start left: the CAs loaded (every stored one is), the CA PEM files, the transport CA, the HTTPS certificate.</summary>
    private sealed record Snapshot(IReadOnlyList<CaState> Cas, IReadOnlyDictionary<string, string> PemFiles, string Transport, string ServerCertificate)
    {
        public static Snapshot Of(PlatformServer server)
        {
            var registry = server.Services.GetRequiredService<CaRegistry>();
            var cas = registry.All.Select(ca =>
            {
                // The key loaded is the certificate's key, not merely a key of the same id.
                Assert.Equal(ca.Certificate.CertificateStructure.SubjectPublicKeyInfo.GetEncoded(),
                    SubjectPublicKeyInfo.GetInstance(ca.SigningKey.SubjectPublicKeyInfo.ToArray()).GetEncoded());
                return new CaState(ca.Name, ca.Hierarchy, ca.Parent, ca.AlgorithmName, ca.SigningKey.Id, Convert.ToBase64String(ca.Der));
            }).ToList();
            var files = Directory.EnumerateFiles(server.DataDirectory, "*.pem")
                .Select(Path.GetFileName).Where(f => f!.Contains("ca", StringComparison.Ordinal))
                .ToDictionary(f => f!, f => File.ReadAllText(server.DataFile(f!)), StringComparer.Ordinal);
            var https = server.Services.GetRequiredService<IServerCertificateSource>().Current!;
            return new Snapshot(cas, new SortedDictionary<string, string>(files, StringComparer.Ordinal), registry.TransportIssuing.Name, https.Thumbprint);
        }
    }
}
