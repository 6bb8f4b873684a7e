using Org.BouncyCastle.X509;
using Server.Cli;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Ceremonies;

/// <summary>
/// <c>pki ca rollover</c>: an issuing CA's new key issues at once under the CA's name while the old
/// key keeps signing the old generation's CRL; a root rolls over with link certificates, so
/// relying parties that trust either root verify chains of both generations (openssl, Go).
/// </summary>
public sealed class RolloverTests : IDisposable
{
    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory work = new();

    public void Dispose()
    {
        data.Dispose();
        work.Dispose();
    }

    [Fact]
    public async Task Rollover_IssuingCa_NewIssuanceUsesTheNewKey_OldKeyKeepsSigningItsCrl()
    {
        string before;
        await using (var server = await PlatformServer.StartAsync(data.Path))
        {
            before = (await server.IssueAsync(TestCsrs.Ecdsa("CN=before.example.org"), "tls-client")).SerialNumber;
        }

        Assert.Equal(0, await CommandLine.RunAsync(["pki", "ca", "rollover", "--ca", "issuing", "--Platform:DataDirectory", data.Path]));
        Assert.Equal(1, await CommandLine.RunAsync(["pki", "ca", "rollover", "--ca", "issuing.2", "--validity-days", "x", "--Platform:DataDirectory", data.Path]));

        await using (var server = await PlatformServer.StartAsync(data.Path))
        {
            var after = await server.IssueAsync(TestCsrs.Ecdsa("CN=after.example.org"), "tls-client");
            var oldCa = Load(await File.ReadAllTextAsync(server.DataFile("issuing-ca.pem")));
            var newCa = Load(await File.ReadAllTextAsync(server.DataFile("issuing.2-ca.pem")));
            Assert.Equal(oldCa.SubjectDN.ToString(), newCa.SubjectDN.ToString());
            Load(after.Certificate).Verify(newCa.GetPublicKey());
            Assert.Equal(newCa.GetEncoded(), Load(after.Chain[0]).GetEncoded());

            using var admin = server.AdminClient();
            var cas = await admin.GetFromJsonAsync<JsonElement>("/pki/cas");
            var byName = cas.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.Equal("issuing.2", byName["issuing"].GetProperty("supersededBy").GetString());
            Assert.Equal("root", byName["issuing.2"].GetProperty("parent").GetString());
            Assert.Equal(JsonValueKind.Null, byName["issuing.2"].GetProperty("supersededBy").ValueKind);

            // The old generation still answers for what it issued: its revocation is on the old key's CRL.
            var revoke = await admin.PostAsJsonAsync($"/pki/certificates/{before}/revoke", new { reason = "superseded" });
            Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());
            var crl = new X509CrlParser().ReadCrl(await admin.GetByteArrayAsync("/pki/cas/issuing/crl"));
            crl.Verify(oldCa.GetPublicKey());
            Assert.NotNull(crl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(before, 16)));
            var newCrl = new X509CrlParser().ReadCrl(await admin.GetByteArrayAsync("/pki/cas/issuing.2/crl"));
            newCrl.Verify(newCa.GetPublicKey());
            Assert.Null(newCrl.GetRevokedCertificates());
        }
    }

    [Fact]
    public async Task Rollover_Root_LinkCertificatesLetEitherRootVerifyBothGenerations_OpenSslAndGo()
    {
        ExternalTool.Require("openssl");
        string oldLeaf, newLeaf;
        await using (var server = await PlatformServer.StartAsync(data.Path))
        {
            oldLeaf = Write("old-leaf.pem", (await server.IssueAsync(TestCsrs.Ecdsa("CN=old.example.org"), "tls-client")).Certificate);
        }

        Assert.Equal(0, await CommandLine.RunAsync(["pki", "ca", "rollover", "--ca", "root", "--Platform:DataDirectory", data.Path]));
        Assert.Equal(0, await CommandLine.RunAsync(["pki", "ca", "rollover", "--ca", "issuing", "--Platform:DataDirectory", data.Path]));
        await using (var server = await PlatformServer.StartAsync(data.Path))
        {
            newLeaf = Write("new-leaf.pem", (await server.IssueAsync(TestCsrs.Ecdsa("CN=new.example.org"), "tls-client")).Certificate);
            using var admin = server.AdminClient();
            var cas = await admin.GetFromJsonAsync<JsonElement>("/pki/cas");
            var root2 = cas.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "root.2");
            Assert.Equal(1, root2.GetProperty("links").GetArrayLength());
        }

        var oldRoot = data.File("root-ca.pem");
        var newRoot = data.File("root.2-ca.pem");
        var links = SplitPem(await File.ReadAllTextAsync(data.File("root.2-ca-links.pem")));
        Assert.Equal(2, links.Count);
        var newWithOld = links[0];
        var oldWithNew = links[1];
        var oldIssuing = await File.ReadAllTextAsync(data.File("issuing-ca.pem"));
        var newIssuing = await File.ReadAllTextAsync(data.File("issuing.2-ca.pem"));
        Load(newIssuing).Verify(Load(await File.ReadAllTextAsync(newRoot)).GetPublicKey());

        // Each root verifies its own generation directly, and the other one through its link.
        var cases = new (string Root, string Intermediates, string Leaf)[]
        {
            (oldRoot, Write("a.pem", oldIssuing), oldLeaf),
            (newRoot, Write("b.pem", newIssuing), newLeaf),
            (oldRoot, Write("c.pem", newIssuing + newWithOld), newLeaf),
            (newRoot, Write("d.pem", oldIssuing + oldWithNew), oldLeaf),
        };
        foreach (var (root, intermediates, leaf) in cases)
        {
            var result = await OpenSsl.RunAsync("verify", "-x509_strict", "-CAfile", root, "-untrusted", intermediates, leaf);
            Assert.True(result.ExitCode == 0, $"openssl verify {root} {intermediates} {leaf}\n{result}");
            if (ExternalTool.Find("go") is not null)
            {
                var go = await GoVerifyChain.VerifyAsync(root, intermediates, leaf, "client");
                Assert.True(go.ExitCode == 0, $"Go crypto/x509 {root} {intermediates} {leaf}\n{go}");
            }
        }

        // Without the link, the other root does not verify the new generation: the link is what carries the trust.
        var unlinked = await OpenSsl.RunAsync("verify", "-CAfile", oldRoot, "-untrusted", Write("e.pem", newIssuing), newLeaf);
        Assert.NotEqual(0, unlinked.ExitCode);
        if (ExternalTool.Find("go") is null)
        {
            Assert.Skip("go is not installed: the chains verified with openssl only.");
        }
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(work.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static X509Certificate Load(string pem) => new X509CertificateParser().ReadCertificate(System.Text.Encoding.ASCII.GetBytes(pem));

    private static List<string> SplitPem(string pem) =>
        [.. pem.Split("-----END CERTIFICATE-----", StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Contains("BEGIN", StringComparison.Ordinal)).Select(p => p.TrimStart() + "-----END CERTIFICATE-----\n")];
}
