using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Hierarchies;

/// <summary>Two hierarchies side by side: listing, choosing the CA, refusals, and each CA's own CRL and OCSP answers.</summary>
public sealed class TwoHierarchiesTests(TwoHierarchiesFixture fixture) : IClassFixture<TwoHierarchiesFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task ListCas_TwoHierarchies_ListsBothRootsAndIssuingCas()
    {
        using var cas = JsonDocument.Parse(await Server.HttpClient().GetStringAsync("/pki/cas"));

        var listed = cas.RootElement.EnumerateArray().Select(ca => (
            Name: ca.GetProperty("name").GetString(), Hierarchy: ca.GetProperty("hierarchy").GetString(),
            Algorithm: ca.GetProperty("algorithm").GetString(), Parent: ca.GetProperty("parent").GetString(),
            Issuing: ca.GetProperty("issuing").GetBoolean(), Transport: ca.GetProperty("transport").GetBoolean())).ToList();
        Assert.Equal(
        [
            ("root", "default", "SM2", null, false, false),
            ("issuing", "default", "SM2", "root", true, false),
            ("tls-root", "tls", "ECDSA-P256", null, false, true),
            ("tls-issuing", "tls", "ECDSA-P256", "tls-root", true, true),
        ], listed);
        Assert.True(File.Exists(Server.DataFile("tls-root-ca.pem")));
        Assert.True(File.Exists(Server.DataFile("tls-issuing-ca-chain.pem")));
    }

    [Fact]
    public async Task ListProfiles_BoundAndUnboundProfiles_NameTheCaEachIssuesFrom()
    {
        using var profiles = JsonDocument.Parse(await Server.HttpClient().GetStringAsync("/pki/profiles"));

        var ca = profiles.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("ca").GetString());
        Assert.Equal("issuing", ca["gm-signing"]);
        Assert.Equal("issuing", ca["tls-server"]);
        // Certificates with platform roles authenticate to the HTTPS listener: from the transport CA.
        Assert.Equal("tls-issuing", ca["administrator"]);
        Assert.Equal("tls-issuing", ca["auditor"]);
    }

    [Fact]
    public async Task Issue_ProfileBoundToSm2Ca_IssuesAnSm2CertificateOpenSslParsesAndVerifies()
    {
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.Sm2, ProfileRequest.DocumentSigning);

        var issued = await IssueAsync(new { csr, profile = "gm-signing" });

        var leaf = await WriteAsync("gm-leaf.pem", issued.Certificate);
        var text = await OpenSsl.OutputAsync("x509", "-in", leaf, "-noout", "-text");
        Assert.Contains("Signature Algorithm: SM2-with-SM3", text, StringComparison.Ordinal);
        Assert.Contains("ASN1 OID: SM2", text, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(Server.DataFile("issuing-ca.pem")), issued.Chain[0]);
        var verified = await OpenSsl.VerifyAsync(InteropAlgorithms.Sm2, Server.DataFile("root-ca.pem"), Server.DataFile("issuing-ca.pem"), leaf);
        Assert.True(verified.ExitCode == 0 && verified.Output.Contains(": OK", StringComparison.Ordinal), verified.ToString());
    }

    [Fact]
    public async Task Issue_RequestNamesTheEcdsaCa_IssuesFromItAndOpenSslVerifiesTheChain()
    {
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        var issued = await IssueAsync(new { csr, profile = ProfileRequest.TlsServer, ca = "tls-issuing" });

        Assert.Equal([await File.ReadAllTextAsync(Server.DataFile("tls-issuing-ca.pem")), await File.ReadAllTextAsync(Server.DataFile("tls-root-ca.pem"))], issued.Chain);
        var leaf = await WriteAsync("tls-leaf.pem", issued.Certificate);
        var result = await OpenSsl.RunAsync("verify", "-x509_strict", "-CAfile", Server.DataFile("tls-root-ca.pem"), "-untrusted", Server.DataFile("tls-issuing-ca.pem"),
            "-purpose", "sslserver", "-verify_hostname", "web.example.org", leaf);
        Assert.True(result.ExitCode == 0, result.ToString());
        var pointers = await OpenSsl.OutputAsync("x509", "-in", leaf, "-noout", "-ext", "crlDistributionPoints,authorityInfoAccess");
        Assert.Contains("/pki/cas/tls-issuing/crl", pointers, StringComparison.Ordinal);
        Assert.Contains("/pki/cas/tls-issuing/certificate", pointers, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-ca")]
    [InlineData("tls-root")]
    [InlineData("")]
    public async Task Issue_RequestNamesNoIssuingCa_Answers400CaInvalid(string ca)
    {
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr, profile = ProfileRequest.TlsServer, ca });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "ca-invalid");
    }

    [Fact]
    public async Task Issue_Sm2BoundProfileFromTheEcdsaCa_Answers400CaProfileMismatch()
    {
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.Sm2, ProfileRequest.DocumentSigning);

        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr, profile = "gm-signing", ca = "tls-issuing" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "ca-profile-mismatch");
    }

    [Fact]
    public async Task Issue_AdministratorFromTheSm2Ca_Answers400CaProfileMismatch()
    {
        // An SM2-signed administrator certificate could not be presented to any TLS stack.
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/pki/certificates",
            new { csr = TestCsrs.Ecdsa("CN=Second Administrator"), profile = "administrator", ca = "issuing" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "ca-profile-mismatch");
    }

    [Fact]
    public async Task Revoke_CertificateOfTheEcdsaCa_ItsCrlAndOcspAnswerAreSignedByThatCaAndOpenSslVerifiesThem()
    {
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);
        var issued = await IssueAsync(new { csr, profile = ProfileRequest.TlsServer, ca = "tls-issuing" });
        var leaf = await WriteAsync("revoked-tls.pem", issued.Certificate);
        await RevokeAsync(issued.SerialNumber);

        var crl = await DownloadCrlAsync("tls-issuing");
        var crlText = await OpenSsl.RunAsync("crl", "-in", crl, "-noout", "-text", "-verify", "-CAfile", Server.DataFile("tls-issuing-ca-chain.pem"));
        Assert.True(crlText.ExitCode == 0, crlText.ToString());
        Assert.Contains("verify OK", crlText.Output + crlText.Error, StringComparison.Ordinal);
        Assert.Contains(issued.SerialNumber.ToUpperInvariant(), crlText.Output, StringComparison.Ordinal);

        var ocsp = await OpenSsl.RunAsync("ocsp", "-issuer", Server.DataFile("tls-issuing-ca.pem"), "-cert", leaf, "-url", new Uri(Server.Http, "/pki/ocsp").ToString(),
            "-CAfile", Server.DataFile("tls-root-ca.pem"), "-resp_text");
        Assert.Contains(leaf + ": revoked", ocsp.Output, StringComparison.Ordinal);
        Assert.Contains("Response verify OK", ocsp.Output + ocsp.Error, StringComparison.Ordinal);
        Assert.Contains("OCSP Responder for SecurityPlatform tls Issuing CA", ocsp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_CertificateOfTheSm2Ca_ItsCrlAndOcspAnswerAreSignedByTheSm2Ca()
    {
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.Sm2, ProfileRequest.DocumentSigning);
        var issued = await IssueAsync(new { csr, profile = "gm-signing" });
        await RevokeAsync(issued.SerialNumber);
        var issuing = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(Server.DataFile("issuing-ca.pem")));
        var tlsIssuing = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(Server.DataFile("tls-issuing-ca.pem")));

        var crl = new X509CrlParser().ReadCrl(await Server.HttpClient().GetByteArrayAsync("/pki/cas/issuing/crl"));
        crl.Verify(issuing.GetPublicKey());
        Assert.Equal("1.2.156.10197.1.501", crl.CertificateList.SignatureAlgorithm.Algorithm.Id);
        Assert.NotNull(crl.GetRevokedCertificate(new BigInteger(issued.SerialNumber, 16)));
        Assert.Throws<Org.BouncyCastle.Security.InvalidKeyException>(() => crl.Verify(tlsIssuing.GetPublicKey()));

        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuing, new BigInteger(issued.SerialNumber, 16)));
        using var content = new ByteArrayContent(generator.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await Server.HttpClient().PostAsync("/pki/ocsp", content);
        var basic = (BasicOcspResp)new OcspResp(await response.Content.ReadAsByteArrayAsync()).GetResponseObject();
        var responder = Assert.Single(basic.GetCerts());
        responder.Verify(issuing.GetPublicKey());
        Assert.True(basic.Verify(responder.GetPublicKey()));
        Assert.Equal("1.2.156.10197.1.501", responder.CertificateStructure.SignatureAlgorithm.Algorithm.Id);
        Assert.IsType<RevokedStatus>(Assert.Single(basic.Responses).GetCertStatus());
    }

    [Fact]
    public async Task Https_ConfiguredTransportHierarchy_CurlTrustingItsRootReachesTheAdminApi()
    {
        var answer = await Curl.GetAsync(new Uri(Server.Https, "/pki/certificates?limit=1").ToString(), Server.DataFile("tls-root-ca.pem"),
            fixture.Work.Path, Server.DataFile("admin.pem"), Server.DataFile("admin.key"));

        Assert.True(answer.Status == 200, $"{answer.Status} {answer.Body}");
        using var admin = X509CertificateLoader.LoadCertificateFromFile(Server.DataFile("admin.pem"));
        Assert.Contains("CN=SecurityPlatform tls Issuing CA", admin.Issuer, StringComparison.Ordinal);
    }

    private async Task<IssuedCertificateJson> IssueAsync(object body)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/pki/certificates", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<IssuedCertificateJson>(text, JsonSerializerOptions.Web)!;
    }

    private async Task RevokeAsync(string serial)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> DownloadCrlAsync(string ca)
    {
        var der = await Server.HttpClient().GetByteArrayAsync($"/pki/cas/{ca}/crl");
        return await WriteAsync($"{ca}-{Guid.NewGuid():n}.crl.pem", PemEncoding.WriteString("X509 CRL", der) + "\n");
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = fixture.Work.File(name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
