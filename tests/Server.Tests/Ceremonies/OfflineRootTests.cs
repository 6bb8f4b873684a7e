using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Server.Cli;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Ceremonies;

/// <summary>
/// A root kept offline: the server makes its issuing CA's key and CSR (<c>pki ca request</c>), the
/// root signs it on its own machine, the server installs the certificate with the root's
/// (<c>pki ca install</c>) and imports the root's CRLs (<c>pki crl import</c>); then it issues
/// under that CA, serves the root's CRLs as signed, and OCSP declines for the root, whose key is
/// not there. Each check is one an operator would otherwise get wrong: another key, another
/// root, a forged or old CRL.
/// </summary>
public sealed class OfflineRootTests : IDisposable
{
    private readonly TemporaryDirectory offline = new();
    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory impostor = new();
    private readonly TemporaryDirectory work = new();

    public void Dispose()
    {
        offline.Dispose();
        data.Dispose();
        impostor.Dispose();
        work.Dispose();
    }

    [Fact]
    public async Task OfflineRoot_RequestSignInstallImport_ServerIssuesUnderItAndServesTheRootsCrls()
    {
        ExternalTool.Require("openssl");
        var root = work.File("gov-root.pem");
        Assert.Equal(0, await Offline("root", "create", "--name", "gov-root", "--hierarchy", "gov", "--subject", "CN=Gov Root,O=City", "--out", root));

        var csr = work.File("gov-issuing.csr");
        Assert.Equal(0, await Server("ca", "request", "--name", "gov-issuing", "--subject", "CN=Gov Issuing,O=City", "--out", csr));
        var csrCheck = await OpenSsl.RunAsync("req", "-in", csr, "-verify", "-noout");
        Assert.True(csrCheck.ExitCode == 0, csrCheck.ToString());

        var issuing = work.File("gov-issuing.pem");
        Assert.Equal(0, await Offline("ca", "sign", "--issuer", "gov-root", "--csr", csr, "--out", issuing));

        // Refused, nothing stored: the root unknown here, a certificate for another key, a root that did not sign it.
        Assert.Equal(1, await Server("ca", "install", "--name", "gov-issuing", "--certificate", issuing));
        Assert.Equal(1, await Server("ca", "install", "--name", "gov-issuing", "--certificate", root, "--root", root, "--root-name", "gov-root"));
        var otherRoot = work.File("other-root.pem");
        Assert.Equal(0, await Impostor("root", "create", "--name", "gov-root", "--hierarchy", "gov", "--subject", "CN=Gov Root,O=City", "--out", otherRoot));
        Assert.Equal(1, await Server("ca", "install", "--name", "gov-issuing", "--certificate", issuing, "--root", otherRoot, "--root-name", "gov-root"));

        Assert.Equal(0, await Server("ca", "install", "--name", "gov-issuing", "--certificate", issuing, "--root", root, "--root-name", "gov-root"));
        Assert.Equal(1, await Server("ca", "install", "--name", "gov-issuing", "--certificate", issuing, "--root", root, "--root-name", "gov-root"));

        var (crl, delta) = (work.File("gov-root.crl"), work.File("gov-root-delta.crl"));
        var (oldCrl, oldDelta) = (work.File("old.crl"), work.File("old-delta.crl"));
        Assert.Equal(0, await Offline("crl", "sign", "--ca", "gov-root", "--out", oldCrl, "--delta-out", oldDelta));
        Assert.Equal(0, await Offline("crl", "sign", "--ca", "gov-root", "--out", crl));
        var (forged, forgedDelta) = (work.File("forged.crl"), work.File("forged-delta.crl"));
        Assert.Equal(0, await Impostor("crl", "sign", "--ca", "gov-root", "--out", forged, "--delta-out", forgedDelta));

        Assert.Equal(1, await Server("crl", "import", "--crl", forged));
        Assert.Equal(1, await Server("crl", "import", "--crl", delta));
        Assert.Equal(1, await Server("crl", "import", "--crl", crl, "--delta", forgedDelta));
        Assert.Equal(0, await Server("crl", "import", "--crl", crl, "--delta", delta));
        Assert.Equal(0, await Server("crl", "import", "--crl", crl, "--delta", delta));
        Assert.Equal(1, await Server("crl", "import", "--crl", oldCrl, "--delta", oldDelta));

        await using var server = await PlatformServer.StartAsync(data.Path);
        using var admin = server.AdminClient();
        var cas = (await admin.GetFromJsonAsync<JsonElement>("/pki/cas")).EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.True(cas["gov-root"].GetProperty("offline").GetBoolean());
        Assert.False(cas["gov-issuing"].GetProperty("offline").GetBoolean());
        Assert.Equal("gov-root", cas["gov-issuing"].GetProperty("parent").GetString());
        Assert.Equal("gov", cas["gov-issuing"].GetProperty("hierarchy").GetString());

        // The root's CRLs as it signed them, byte for byte; they never pass through this server's keys.
        using var http = server.HttpClient();
        Assert.Equal(await File.ReadAllBytesAsync(crl), await http.GetByteArrayAsync("/pki/cas/gov-root/crl"));
        Assert.Equal(await File.ReadAllBytesAsync(delta), await http.GetByteArrayAsync("/pki/cas/gov-root/delta-crl"));

        // Issuance under the installed CA; openssl checks the chain to the offline root with both CAs' CRLs as served.
        using var issued = await admin.PostAsJsonAsync("/pki/certificates",
            new { csr = TestCsrs.Ecdsa("CN=gov.example.org"), profile = "tls-client", ca = "gov-issuing" });
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var leaf = JsonSerializer.Deserialize<IssuedCertificateJson>(await issued.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        var leafFile = work.File("leaf.pem");
        await File.WriteAllTextAsync(leafFile, leaf.Certificate);
        var servedRootCrl = await Save("served-root.crl", await http.GetByteArrayAsync("/pki/cas/gov-root/crl"));
        var servedIssuingCrl = await Save("served-issuing.crl", await http.GetByteArrayAsync("/pki/cas/gov-issuing/crl"));
        var verified = await OpenSsl.RunAsync("verify", "-x509_strict", "-crl_check_all", "-CAfile", root, "-untrusted", issuing,
            "-CRLfile", Pem(servedRootCrl), "-CRLfile", Pem(servedIssuingCrl), leafFile);
        Assert.True(verified.ExitCode == 0, verified.ToString());

        // OCSP answers for the issuing CA's certificates and declines for the root's: its key is not here.
        Assert.Equal(OcspRespStatus.Successful, await OcspStatusAsync(http, issuing, new BigInteger(leaf.SerialNumber, 16)));
        Assert.Equal(OcspRespStatus.Unauthorized,
            await OcspStatusAsync(http, root, new X509CertificateParser().ReadCertificate(await File.ReadAllBytesAsync(issuing)).SerialNumber));

        var events = await AuditEvents.ListAsync(admin, "?module=pki.ca&limit=1000");
        Assert.Single(events, e => Is(e, "ca.request", "success", "gov-issuing"));
        Assert.Single(events, e => Is(e, "ca.install", "success", "gov-issuing"));
        Assert.Single(events, e => Is(e, "ca.install", "success", "gov-root"));
        Assert.Single(events, e => Is(e, "crl.import", "success", "gov-root"));
        Assert.Equal(4, events.Count(e => Is(e, "ca.install", "failure", "gov-issuing")));
        Assert.Equal(4, events.Count(e => e.GetProperty("action").GetString() == "crl.import" && e.GetProperty("outcome").GetString() == "failure"));
    }

    [Fact]
    public async Task OfflineRoot_IssuingCaAndRootRollOver_IssuanceMovesToTheNewestGenerations()
    {
        var root = work.File("gov-root.pem");
        Assert.Equal(0, await Offline("root", "create", "--name", "gov-root", "--subject", "CN=Gov Root,O=City", "--out", root));
        Assert.Equal(0, await Server("ca", "request", "--name", "gov-issuing", "--subject", "CN=Gov Issuing,O=City", "--out", work.File("1.csr")));
        Assert.Equal(0, await Offline("ca", "sign", "--issuer", "gov-root", "--csr", work.File("1.csr"), "--out", work.File("1.pem")));
        Assert.Equal(0, await Server("ca", "install", "--name", "gov-issuing", "--certificate", work.File("1.pem"), "--root", root, "--root-name", "gov-root"));

        // The online rollover needs the root's key; the request names the next generation instead.
        Assert.Equal(1, await Server("ca", "rollover", "--ca", "gov-issuing"));
        Assert.Equal(1, await Server("ca", "request", "--supersedes", "gov-root", "--out", work.File("x.csr")));
        Assert.Equal(0, await Server("ca", "request", "--supersedes", "gov-issuing", "--out", work.File("2.csr")));
        Assert.Equal(0, await Offline("ca", "sign", "--issuer", "gov-root", "--csr", work.File("2.csr"), "--out", work.File("2.pem")));
        Assert.Equal(0, await Server("ca", "install", "--name", "gov-issuing.2", "--certificate", work.File("2.pem")));
        // The root rolls over where its key is; the server installs the new generation with its links,
        // refusing it without the link that the old root signed.
        Assert.Equal(0, await Offline("ca", "rollover", "--ca", "gov-root", "--out-dir", work.Path));
        var (newRoot, links) = (work.File("gov-root.2-ca.pem"), work.File("gov-root.2-ca-links.pem"));
        var linkPems = CeremonyLinks(await File.ReadAllTextAsync(links));
        await File.WriteAllTextAsync(work.File("old-with-new-only.pem"), linkPems[1]);
        Assert.Equal(1, await Server("ca", "install", "--name", "gov-root.2", "--certificate", newRoot, "--links", work.File("old-with-new-only.pem")));
        Assert.Equal(1, await Server("ca", "install", "--name", "gov-root.3", "--certificate", newRoot, "--links", links));
        Assert.Equal(0, await Server("ca", "install", "--name", "gov-root.2", "--certificate", newRoot, "--links", links));
        Assert.Equal(0, await Server("ca", "request", "--supersedes", "gov-issuing", "--out", work.File("3.csr")));
        Assert.Equal(0, await Offline("ca", "sign", "--issuer", "gov-root", "--csr", work.File("3.csr"), "--out", work.File("3.pem")));
        Assert.Equal(0, await Server("ca", "install", "--name", "gov-issuing.3", "--certificate", work.File("3.pem")));
        foreach (var generation in new[] { "gov-root", "gov-root.2" })
        {
            Assert.Equal(0, await Offline("crl", "sign", "--ca", generation, "--out", work.File(generation + ".crl")));
            Assert.Equal(0, await Server("crl", "import", "--crl", work.File(generation + ".crl"), "--delta", work.File(generation + "-delta.crl")));
        }

        await using var server = await PlatformServer.StartAsync(data.Path);
        using var admin = server.AdminClient();
        var cas = (await admin.GetFromJsonAsync<JsonElement>("/pki/cas")).EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("gov-issuing.2", cas["gov-issuing"].GetProperty("supersededBy").GetString());
        Assert.Equal("gov-issuing.3", cas["gov-issuing.2"].GetProperty("supersededBy").GetString());
        Assert.Equal("gov-root.2", cas["gov-root"].GetProperty("supersededBy").GetString());
        Assert.Equal("gov-root.2", cas["gov-issuing.3"].GetProperty("parent").GetString());
        Assert.True(cas["gov-root.2"].GetProperty("offline").GetBoolean());
        Assert.Equal(1, cas["gov-root.2"].GetProperty("links").GetArrayLength());
        using var http = server.HttpClient();
        Assert.Equal(await File.ReadAllBytesAsync(work.File("gov-root.2.crl")), await http.GetByteArrayAsync("/pki/cas/gov-root.2/crl"));

        // New issuance is by the newest generation, under the new root.
        using var issued = await admin.PostAsJsonAsync("/pki/certificates",
            new { csr = TestCsrs.Ecdsa("CN=next.example.org"), profile = "tls-client", ca = "gov-issuing" });
        var leaf = JsonSerializer.Deserialize<IssuedCertificateJson>(await issued.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        var third = new X509CertificateParser().ReadCertificate(await File.ReadAllBytesAsync(work.File("3.pem")));
        new X509CertificateParser().ReadCertificate(System.Text.Encoding.ASCII.GetBytes(leaf.Certificate)).Verify(third.GetPublicKey());
        Assert.Equal(2, leaf.Chain.Length);
        var events = await AuditEvents.ListAsync(admin, "?module=pki.ca&action=certificate.import&limit=100");
        Assert.Equal(2, events.Count);
    }

    /// <summary>The PEM blocks of a links file, new-with-old first.</summary>
    private static string[] CeremonyLinks(string pem) =>
        [.. pem.Split("-----END CERTIFICATE-----", StringSplitOptions.RemoveEmptyEntries).Where(b => b.Contains("BEGIN", StringComparison.Ordinal))
            .Select(b => b.Trim() + "\n-----END CERTIFICATE-----\n")];

    [Fact]
    public async Task OfflineRoot_Sm2_RequestSignedWithTheServersSm2Key_InstallsAndIssues()
    {
        ExternalTool.Require("openssl");
        var root = work.File("sm2-root.pem");
        Assert.Equal(0, await Offline("root", "create", "--name", "sm2-root", "--subject", "CN=SM2 Root,O=City", "--algorithm", "SM2", "--out", root));
        Assert.Equal(1, await Server("ca", "request", "--name", "sm2-issuing", "--subject", "CN=x", "--algorithm", "SM3", "--out", work.File("x.csr")));
        Assert.Equal(0, await Server("ca", "request", "--name", "sm2-issuing", "--subject", "CN=SM2 Issuing,O=City", "--algorithm", "SM2", "--out", work.File("sm2.csr")));
        Assert.Equal(0, await Offline("ca", "sign", "--issuer", "sm2-root", "--csr", work.File("sm2.csr"), "--out", work.File("sm2.pem")));
        Assert.Equal(0, await Server("ca", "install", "--name", "sm2-issuing", "--certificate", work.File("sm2.pem"), "--root", root, "--root-name", "sm2-root"));

        await using var server = await PlatformServer.StartAsync(data.Path);
        using var admin = server.AdminClient();
        using var issued = await admin.PostAsJsonAsync("/pki/certificates",
            new { csr = await new CsrFactory(work.Path).CsrAsync(InteropAlgorithms.Sm2, ProfileRequest.DocumentSigning), profile = ProfileRequest.DocumentSigning, ca = "sm2-issuing" });
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OfflineRoot_DefaultHierarchyInstalledBeforeTheFirstStart_ServerRunsUnderIt()
    {
        var root = work.File("root.pem");
        Assert.Equal(0, await Offline("root", "create", "--name", "root", "--hierarchy", "default", "--subject", "CN=City Root,O=City", "--out", root));
        Assert.Equal(0, await Server("ca", "request", "--name", "issuing", "--subject", "CN=City Issuing,O=City", "--out", work.File("issuing.csr")));
        Assert.Equal(1, await Server("ca", "request", "--name", "issuing", "--supersedes", "issuing", "--out", work.File("x.csr")));
        Assert.Equal(0, await Offline("ca", "sign", "--issuer", "root", "--csr", work.File("issuing.csr"), "--out", work.File("issuing.pem")));
        Assert.Equal(0, await Server("ca", "install", "--name", "issuing", "--certificate", work.File("issuing.pem"), "--root", root, "--root-name", "root"));
        Assert.Equal(0, await Offline("crl", "sign", "--ca", "root", "--out", work.File("root.crl")));
        Assert.Equal(0, await Server("crl", "import", "--crl", work.File("root.crl"), "--delta", work.File("root-delta.crl")));

        // The first start creates no root: the HTTPS listener and the administrator's certificate come from the installed CA.
        await using var server = await PlatformServer.StartAsync(data.Path);
        Assert.Equal(await File.ReadAllTextAsync(root), await File.ReadAllTextAsync(server.DataFile("root-ca.pem")));
        using var admin = server.AdminClient();
        var cas = (await admin.GetFromJsonAsync<JsonElement>("/pki/cas")).EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.True(cas["root"].GetProperty("offline").GetBoolean());
        Assert.Equal((await server.IssueAsync(TestCsrs.Ecdsa("CN=first.example.org"), "tls-client")).Chain[1], await File.ReadAllTextAsync(root));
    }

    private static bool Is(JsonElement e, string action, string outcome, string target) =>
        e.GetProperty("action").GetString() == action && e.GetProperty("outcome").GetString() == outcome && e.GetProperty("target").GetString() == target;

    private Task<int> Offline(params string[] args) => CommandLine.RunAsync(["pki", .. args, "--Platform:DataDirectory", offline.Path]);

    private Task<int> Impostor(params string[] args) => CommandLine.RunAsync(["pki", .. args, "--Platform:DataDirectory", impostor.Path]);

    private Task<int> Server(params string[] args) => CommandLine.RunAsync(["pki", .. args, "--Platform:DataDirectory", data.Path]);

    private async Task<string> Save(string name, byte[] content)
    {
        var path = work.File(name);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    /// <summary>openssl's <c>-CRLfile</c> reads PEM.</summary>
    private string Pem(string derFile)
    {
        var pem = derFile + ".pem";
        File.WriteAllText(pem, new string(System.Security.Cryptography.PemEncoding.Write("X509 CRL", File.ReadAllBytes(derFile))));
        return pem;
    }

    private static async Task<int> OcspStatusAsync(HttpClient http, string issuerFile, BigInteger serial)
    {
        var issuer = new X509CertificateParser().ReadCertificate(await File.ReadAllBytesAsync(issuerFile));
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuer, serial));
        using var content = new ByteArrayContent(generator.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await http.PostAsync("/pki/ocsp", content);
        return new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status;
    }
}
