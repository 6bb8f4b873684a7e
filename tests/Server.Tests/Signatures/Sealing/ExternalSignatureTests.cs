using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Certificates;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>
/// Signatures with the caller's own key: prepare gives the bytes to sign, the caller signs them where
/// the key is (.NET's ECDsa here), and sign assembles a CAdES signature that OpenSSL verifies. A value
/// that does not verify, a document that is not the one prepared, or another person's certificate is refused.
/// </summary>
public sealed class ExternalSignatureTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("B-B", false)]
    [InlineData("B-T", true)]
    [InlineData("B-LTA", false)]
    public async Task PrepareSignAssemble_WithOwnKey_IsASignatureOpenSslVerifies(string level, bool detached)
    {
        using var person = await PersonAsync(Server, SealClient.NewDepartment());
        using var client = Server.HttpsClient(person);
        var content = Encoding.UTF8.GetBytes($"Application {Guid.NewGuid()} signed by its applicant");

        var prepared = await PrepareAsync(client, new { content = Convert.ToBase64String(content), detached, certificate = Pem(person) });
        var value = SignLocally(person, prepared);
        var answer = await SealClient.JsonAsync(await AssembleAsync(client, prepared, value, Pem(person), content, detached, level), HttpStatusCode.OK);

        using var directory = new TemporaryDirectory();
        Assert.Equal(content, await SealClient.OpenSslVerifyAsync(SealClient.Signature(answer), await RootFileAsync(directory.Path), detached ? content : null, directory.Path));
        Assert.Equal("SHA-256", prepared.GetProperty("digestAlgorithm").GetString());
        Assert.Equal("ECDSA-SHA256", prepared.GetProperty("signatureAlgorithm").GetString());
        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=signature.assemble&target={answer.GetProperty("signer").GetString()}&limit=10");
        Assert.Equal(level, Assert.Single(events).GetProperty("details").GetProperty("level").GetString());
    }

    [Fact]
    public async Task PrepareByDigest_AssembledDetachedWithoutTheContent_VerifiesAgainstTheContent()
    {
        using var person = await PersonAsync(Server, SealClient.NewDepartment());
        using var client = Server.HttpsClient(person);
        var content = Encoding.UTF8.GetBytes("A large document only its digest travels for");

        var prepared = await PrepareAsync(client, new { digest = Convert.ToBase64String(SHA256.HashData(content)), detached = true, certificate = Pem(person) });
        var answer = await SealClient.JsonAsync(await AssembleAsync(client, prepared, SignLocally(person, prepared), Pem(person), null, true, "B-B"), HttpStatusCode.OK);

        using var directory = new TemporaryDirectory();
        Assert.Equal(content, await SealClient.OpenSslVerifyAsync(SealClient.Signature(answer), await RootFileAsync(directory.Path), content, directory.Path));
    }

    [Fact]
    public async Task Assemble_WrongValueOrDocumentOrSomeoneElsesCertificate_IsRefused()
    {
        var department = SealClient.NewDepartment();
        using var person = await PersonAsync(Server, department);
        using var other = await PersonAsync(Server, department);
        using var client = Server.HttpsClient(person);
        var content = Encoding.UTF8.GetBytes("Contract 2026-17");
        var prepared = await PrepareAsync(client, new { content = Convert.ToBase64String(content), certificate = Pem(person) });
        var value = SignLocally(person, prepared);

        using var tampered = person.GetECDsaPrivateKey()!;
        var wrongValue = tampered.SignData(Encoding.UTF8.GetBytes("something else"), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        await ProblemAssert.IsProblemAsync(await AssembleAsync(client, prepared, wrongValue, Pem(person), content, false, "B-B"),
            HttpStatusCode.BadRequest, "signature-value-invalid");
        await ProblemAssert.IsProblemAsync(await AssembleAsync(client, prepared, value, Pem(person), Encoding.UTF8.GetBytes("Contract 2026-18"), false, "B-B"),
            HttpStatusCode.BadRequest, "signed-attributes-invalid");
        await ProblemAssert.IsProblemAsync(await AssembleAsync(client, prepared, value, Pem(other), content, false, "B-B"),
            HttpStatusCode.Forbidden, "signer-certificate-foreign");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/signatures/prepare", new { content = Convert.ToBase64String(content), certificate = Pem(other) }),
            HttpStatusCode.Forbidden, "signer-certificate-foreign");
        await ProblemAssert.IsProblemAsync(await AssembleAsync(client, prepared, value, SelfSignedPem(), content, false, "B-B"),
            HttpStatusCode.BadRequest, "signer-certificate-invalid");
        await ProblemAssert.IsProblemAsync(await AssembleAsync(client, prepared, value, "not a certificate", content, false, "B-B"),
            HttpStatusCode.BadRequest, "signer-certificate-invalid");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/signatures/sign", new
        {
            signedAttributes = Convert.ToBase64String([0x31, 0x03, 0x02, 0x01, 0x01]),
            signatureValue = Convert.ToBase64String(value),
            certificate = Pem(person),
            content = Convert.ToBase64String(content),
            level = "B-B",
        }), HttpStatusCode.BadRequest, "signed-attributes-invalid");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/signatures/prepare", new { digest = "AAAA", certificate = Pem(person) }),
            HttpStatusCode.BadRequest, "signature-content-invalid");
        await ProblemAssert.IsProblemAsync(await AssembleAsync(client, prepared, value, Pem(person), content, false, "B-X"),
            HttpStatusCode.BadRequest, "signature-level-invalid");

        using var admin = Server.AdminClient();
        var serial = person.SerialNumber.ToLowerInvariant().TrimStart('0');
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=signature.assemble&target={serial}&limit=50");
        Assert.Contains(events, e => e.GetProperty("outcome").GetString() == "failure" && e.GetProperty("details").GetProperty("code").GetString() == "signature-value-invalid");
        Assert.Contains(events, e => e.GetProperty("details").GetProperty("code").GetString() == "signed-attributes-invalid");
    }

    private static async Task<JsonElement> PrepareAsync(HttpClient client, object request) =>
        await SealClient.JsonAsync(await client.PostAsJsonAsync("/signatures/prepare", request), HttpStatusCode.OK);

    private static Task<HttpResponseMessage> AssembleAsync(
        HttpClient client, JsonElement prepared, byte[] value, string certificate, byte[]? content, bool detached, string level) =>
        client.PostAsJsonAsync("/signatures/sign", new
        {
            signedAttributes = prepared.GetProperty("signedAttributes").GetString(),
            signatureValue = Convert.ToBase64String(value),
            certificate,
            content = content is null ? null : Convert.ToBase64String(content),
            detached,
            level,
        });

    /// <summary>Signs the prepared bytes where the key is: DER (r, s), as CMS carries ECDSA signatures.</summary>
    private static byte[] SignLocally(X509Certificate2 person, JsonElement prepared)
    {
        using var key = person.GetECDsaPrivateKey()!;
        return key.SignData(Convert.FromBase64String(prepared.GetProperty("signedAttributes").GetString()!), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    private static string SelfSignedPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=Nobody", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }

    private async Task<string> RootFileAsync(string directory)
    {
        var path = Path.Combine(directory, "root.pem");
        await File.WriteAllTextAsync(path, PemEncoding.WriteString("CERTIFICATE", Server.Services.GetRequiredService<IPlatformCertificateIssuer>().RootCertificate));
        return path;
    }
}
