using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Server.Tests.Audit;
using Server.Tests.Escrow;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using Server.Tests.Registration;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Envelopes;

/// <summary>
/// Documents encrypted to a department's escrowed encryption certificate and decrypted by its
/// decryption officer, through the API; envelopes of OpenSSL opened by the API and the API's opened by OpenSSL.
/// </summary>
public sealed class EnvelopeRoundTripTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private static readonly byte[] Document = "Permit 2026-0441: approved by the Urban Planning Bureau."u8.ToArray();

    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData(RequesterKey.Rsa2048, "aes-256-gcm")]
    [InlineData(RequesterKey.EcdsaP256, "aes-256-cbc")]
    [InlineData(RequesterKey.EcdsaP384, null)]
    [InlineData(RequesterKey.Sm2, "sm4-cbc")]
    public async Task Decrypt_EnvelopeToAnEscrowedKey_ByTheDepartmentsDecryptionOfficer_ReturnsTheDocument_AndIsAuditedOnce(string family, string? contentEncryption)
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, family);
        var encryption = issued.GetProperty("encryption");
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "decryption-officer"));

        var enveloped = await EnvelopeApi.EncryptedAsync(clerk, Document, [encryption.GetProperty("certificate").GetString()!], contentEncryption);
        var decrypted = await EnvelopeApi.DecryptedAsync(officer, enveloped);

        Assert.Equal(Document, decrypted);
        using var admin = Server.AdminClient();
        var serial = encryption.GetProperty("serialNumber").GetString()!;
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=envelope.decrypt&target={serial}&limit=100");
        var decryption = Assert.Single(events);
        Assert.Equal("success", decryption.GetProperty("outcome").GetString());
        Assert.Equal(department, decryption.GetProperty("details").GetProperty("department").GetString());
    }

    [Theory]
    [InlineData(RequesterKey.Rsa2048, new[] { "-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256" })]
    [InlineData(RequesterKey.Rsa2048, new[] { "-aes-256-cbc", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256" })]
    [InlineData(RequesterKey.EcdsaP256, new[] { "-aes-256-gcm" })]
    [InlineData(RequesterKey.EcdsaP384, new[] { "-aes-256-cbc" })]
    public async Task Decrypt_OpenSslsEnvelopeToAnEscrowedKey_ReturnsTheDocument(string family, string[] options)
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, family);
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "decryption-officer"));
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(directory.File("recipient.pem"), issued.GetProperty("encryption").GetProperty("certificate").GetString());
        await File.WriteAllBytesAsync(directory.File("document"), Document);

        await OpenSsl.OutputAsync(["cms", "-encrypt", "-binary", "-outform", "DER", "-in", directory.File("document"), "-out", directory.File("enveloped.der"),
            "-recip", directory.File("recipient.pem"), .. options]);

        Assert.Equal(Document, await EnvelopeApi.DecryptedAsync(officer, await File.ReadAllBytesAsync(directory.File("enveloped.der"))));
    }

    [Theory]
    [InlineData("aes-256-gcm")]
    [InlineData("aes-256-cbc")]
    public async Task Encrypt_ToSeveralPlatformCertificates_OpenSslDecryptsWithEachKey(string contentEncryption)
    {
        using var clerk = Server.HttpsClient(await PersonAsync(Server, await DepartmentAsync(Server)));
        using var directory = new TemporaryDirectory();
        var rsa = await IssuedAsync(directory, "rsa", RSA.Create(2048), "tls-client");
        var p256 = await DualEncryptionAsync(directory, "p256", RequesterKey.EcdsaP256);

        var enveloped = await EnvelopeApi.EncryptedAsync(clerk, Document, [rsa, p256], contentEncryption);
        await File.WriteAllBytesAsync(directory.File("enveloped.der"), enveloped);

        foreach (var name in new[] { "rsa", "p256" })
        {
            await OpenSsl.OutputAsync("cms", "-decrypt", "-binary", "-inform", "DER", "-in", directory.File("enveloped.der"), "-recip", directory.File(name + ".pem"),
                "-inkey", directory.File(name + ".key"), "-out", directory.File(name + ".out"));
            Assert.Equal(Document, await File.ReadAllBytesAsync(directory.File(name + ".out")));
        }
    }

    [Fact]
    public async Task Decrypt_SignedThenEncryptedCms_ComesBackByteExact_AndStillVerifies()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "decryption-officer"));
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=Data-exchange hub", signer, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var signedCms = new SignedCms(new ContentInfo(Document));
        signedCms.ComputeSignature(new CmsSigner(certificate));
        var signed = signedCms.Encode();

        var enveloped = await EnvelopeApi.EncryptedAsync(clerk, signed, [issued.GetProperty("encryption").GetProperty("certificate").GetString()!]);
        var decrypted = await EnvelopeApi.DecryptedAsync(officer, enveloped);

        Assert.Equal(signed, decrypted);
        var verified = new SignedCms();
        verified.Decode(decrypted);
        verified.CheckSignature(verifySignatureOnly: true);
        Assert.Equal(Document, verified.ContentInfo.Content);
    }

    /// <summary>A certificate of this CA for <paramref name="key"/>, its PEM and key written as <paramref name="name"/>.pem and .key.</summary>
    private async Task<string> IssuedAsync(TemporaryDirectory directory, string name, RSA key, string profile)
    {
        using (key)
        {
            var csr = new CertificateRequest($"CN={name},O=City", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
            var issued = await Server.IssueAsync(csr, profile);
            await File.WriteAllTextAsync(directory.File(name + ".pem"), issued.Certificate);
            await File.WriteAllTextAsync(directory.File(name + ".key"), key.ExportPkcs8PrivateKeyPem());
            return issued.Certificate;
        }
    }

    /// <summary>
    /// The encryption certificate of a new dual pair, with its private key as the holder gets it
    /// (encrypted to the signing key; opened here with OpenSSL), written as <paramref name="name"/>.pem and .key.
    /// </summary>
    private async Task<string> DualEncryptionAsync(TemporaryDirectory directory, string name, string family)
    {
        var (issued, key, _) = await DualPairs.IssueAsync(Server, family);
        var encryption = issued.GetProperty("encryption");
        await File.WriteAllTextAsync(directory.File(name + ".signing.pem"), issued.GetProperty("certificate").GetString());
        await File.WriteAllTextAsync(directory.File(name + ".signing.key"), key.PrivateKeyPem);
        await File.WriteAllBytesAsync(directory.File(name + ".envelope"), Convert.FromBase64String(encryption.GetProperty("encryptedKey").GetString()!));
        await OpenSsl.OutputAsync("cms", "-decrypt", "-binary", "-inform", "DER", "-in", directory.File(name + ".envelope"), "-recip", directory.File(name + ".signing.pem"),
            "-inkey", directory.File(name + ".signing.key"), "-out", directory.File(name + ".der"));
        await OpenSsl.OutputAsync("pkey", "-inform", "DER", "-in", directory.File(name + ".der"), "-out", directory.File(name + ".key"));
        var certificate = encryption.GetProperty("certificate").GetString()!;
        await File.WriteAllTextAsync(directory.File(name + ".pem"), certificate);
        return certificate;
    }
}
