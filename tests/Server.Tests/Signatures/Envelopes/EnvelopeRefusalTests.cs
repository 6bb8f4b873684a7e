using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography.Cms;
using Server.Tests.Audit;
using Server.Tests.Escrow;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using Server.Tests.Registration;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Envelopes;

/// <summary>Every refusal of encryption and decryption is a catalogued problem, never a 500; every refused decryption is audited once with its outcome.</summary>
public sealed class EnvelopeRefusalTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private static readonly byte[] Document = "For the department's decryption officers only."u8.ToArray();

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Decrypt_CallerWithoutTheRole_Is403_AndAuditedAsDenied()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        var encryption = issued.GetProperty("encryption");
        var serial = encryption.GetProperty("serialNumber").GetString()!;
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var otherOfficer = Server.HttpsClient(await PersonAsync(Server, await DepartmentAsync(Server), "decryption-officer"));
        var enveloped = await EnvelopeApi.EncryptedAsync(clerk, Document, [encryption.GetProperty("certificate").GetString()!]);

        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(clerk, enveloped), HttpStatusCode.Forbidden, "decryption-denied");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(otherOfficer, enveloped), HttpStatusCode.Forbidden, "decryption-denied");

        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=envelope.decrypt&target={serial}&limit=100");
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal("denied", e.GetProperty("outcome").GetString());
            Assert.Equal("decryption-denied", e.GetProperty("details").GetProperty("code").GetString());
        });
    }

    [Fact]
    public async Task Decrypt_BadEnvelopes_AreCataloguedProblems_EachAuditedAsFailure()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.Rsa2048);
        var encryption = issued.GetProperty("encryption");
        var serial = encryption.GetProperty("serialNumber").GetString()!;
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "decryption-officer"));
        var enveloped = await EnvelopeApi.EncryptedAsync(officer, Document, [encryption.GetProperty("certificate").GetString()!]);
        var tampered = (byte[])enveloped.Clone();
        tampered[^1] ^= 0x01;
        // Named as the escrowed certificate, but its content key encrypted to another RSA key.
        using var stranger = RSA.Create(2048);
        var escrowedCertificate = X509CertificateStructure.GetInstance(PemEncoding.Find(encryption.GetProperty("certificate").GetString()!) is var pem
            ? Convert.FromBase64String(encryption.GetProperty("certificate").GetString()![pem.Base64Data]) : null);
        var wrongKey = CmsEnvelopeWriter.Seal(Document, new CmsRecipient(SubjectPublicKeyInfo.GetInstance(stranger.ExportSubjectPublicKeyInfo()), escrowedCertificate));
        var (outsider, _) = await TlsClientAsync();
        var toOutsider = await EnvelopeApi.EncryptedAsync(officer, Document, [outsider]);

        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, "not base64!"), HttpStatusCode.BadRequest, "enveloped-invalid");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, enveloped[..^20]), HttpStatusCode.BadRequest, "enveloped-invalid");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, Encoding.ASCII.GetBytes("plain text")), HttpStatusCode.BadRequest, "enveloped-invalid");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, tampered), HttpStatusCode.BadRequest, "decryption-failed");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, wrongKey), HttpStatusCode.BadRequest, "decryption-failed");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, toOutsider), HttpStatusCode.NotFound, "decryption-key-unknown");

        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=envelope.decrypt&target={serial}&limit=100");
        Assert.Equal(2, events.Count(e => e.GetProperty("outcome").GetString() == "failure" && e.GetProperty("details").GetProperty("code").GetString() == "decryption-failed"));
        var all = await AuditEvents.ListAsync(admin, "?module=signatures&action=envelope.decrypt&outcome=failure&limit=1000");
        Assert.Contains(all, e => e.GetProperty("details").GetProperty("code").GetString() == "decryption-key-unknown");
        Assert.Contains(all, e => e.GetProperty("details").GetProperty("code").GetString() == "enveloped-invalid");
    }

    [Fact]
    public async Task Decrypt_RecipientWithTheEscrowedSerialButAnotherIssuer_IsDecryptionKeyUnknown()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.Rsa2048);
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "decryption-officer"));
        var serial = issued.GetProperty("encryption").GetProperty("serialNumber").GetString()!;
        // A serial number is unique per issuer only: an outsider's certificate may carry the same one.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Outsider CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var outsider = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1), Convert.FromHexString(serial.Length % 2 == 0 ? serial : "0" + serial));
        var enveloped = CmsEnvelopeWriter.Seal(Document, CmsRecipient.Of(X509CertificateStructure.GetInstance(outsider.RawData)));

        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, enveloped), HttpStatusCode.NotFound, "decryption-key-unknown");
    }

    [Fact]
    public async Task Decrypt_OpenSslsDefaultPkcs1v15Envelope_IsAlgorithmUnsupported()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.Rsa2048);
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "decryption-officer"));
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(directory.File("recipient.pem"), issued.GetProperty("encryption").GetProperty("certificate").GetString());
        await File.WriteAllBytesAsync(directory.File("document"), Document);
        await OpenSsl.OutputAsync("cms", "-encrypt", "-binary", "-outform", "DER", "-aes-256-cbc", "-in", directory.File("document"), "-out", directory.File("enveloped.der"),
            directory.File("recipient.pem"));

        await ProblemAssert.IsProblemAsync(await EnvelopeApi.DecryptAsync(officer, await File.ReadAllBytesAsync(directory.File("enveloped.der"))),
            HttpStatusCode.BadRequest, "enveloped-algorithm-unsupported");
    }

    [Fact]
    public async Task Encrypt_BadRequests_AreCataloguedProblems()
    {
        using var clerk = Server.HttpsClient(await PersonAsync(Server, await DepartmentAsync(Server)));
        var (rsa, _) = await TlsClientAsync();
        var ecNoKeyAgreement = (await Server.IssueAsync(RequesterKey.Create(RequesterKey.EcdsaP256, "CN=EC client,O=City").CsrPem, "tls-client")).Certificate;
        var ed25519 = (await Server.IssueAsync(RequesterKey.Create(RequesterKey.Ed25519, "CN=Ed client,O=City").CsrPem, "tls-client")).Certificate;
        var (revoked, revokedSerial) = await TlsClientAsync();
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync($"/pki/certificates/{revokedSerial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();

        await ProblemAssert.IsProblemAsync(await clerk.PostAsJsonAsync("/signatures/encrypt", new { content = "%%%", recipients = new[] { rsa } }),
            HttpStatusCode.BadRequest, "encryption-content-invalid");
        await ProblemAssert.IsProblemAsync(await clerk.PostAsJsonAsync("/signatures/encrypt", new { recipients = new[] { rsa } }),
            HttpStatusCode.BadRequest, "encryption-content-invalid");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, Document, []), HttpStatusCode.BadRequest, "encryption-recipients-invalid");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, Document, ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"]),
            HttpStatusCode.BadRequest, "encryption-recipients-invalid");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, Document, [SelfSignedPem()]), HttpStatusCode.BadRequest, "encryption-recipient-untrusted");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, Document, [rsa, revoked]), HttpStatusCode.BadRequest, "encryption-recipient-revoked");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, Document, [ecNoKeyAgreement]), HttpStatusCode.BadRequest, "encryption-recipient-unusable");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, Document, [ed25519]), HttpStatusCode.BadRequest, "encryption-recipient-unusable");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, Document, [rsa], "des-ede3-cbc"), HttpStatusCode.BadRequest, "encryption-algorithm-unsupported");
        await ProblemAssert.IsProblemAsync(await EnvelopeApi.EncryptAsync(clerk, new byte[600 * 1024], [rsa]), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await ProblemAssert.IsProblemAsync(await clerk.PostAsync("/signatures/encrypt", new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "media-type-unsupported");
        await ProblemAssert.IsProblemAsync(await clerk.PostAsync("/signatures/decrypt", new StringContent("{\"enveloped\":", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "json-invalid");
        await ProblemAssert.IsProblemAsync(await clerk.PostAsJsonAsync("/signatures/decrypt", new { enveloped = new string('A', 900 * 1024) }),
            HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task Encrypt_AnonymousCaller_IsRefused()
    {
        using var anonymous = Server.HttpsClient();

        using var response = await EnvelopeApi.EncryptAsync(anonymous, Document, [SelfSignedPem()]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>An RSA tls-client certificate of this CA (keyEncipherment): its PEM and serial number.</summary>
    private async Task<(string Pem, string Serial)> TlsClientAsync()
    {
        using var key = RSA.Create(2048);
        var csr = new CertificateRequest("CN=Agent,O=City", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        var issued = await Server.IssueAsync(csr, "tls-client");
        return (issued.Certificate, issued.SerialNumber);
    }

    private static string SelfSignedPem()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Outsider", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
