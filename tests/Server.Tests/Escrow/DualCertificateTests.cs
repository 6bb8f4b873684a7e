using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using Server.Tests.Registration;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Escrow;

/// <summary>
/// Dual certificates (GM/T 0014): the signing certificate from the requester's key, the encryption
/// certificate from a key the platform generates, escrows and hands back encrypted to the signing
/// key, checked with tools nobody here wrote (OpenSSL's CMS, Bouncy Castle's SM2 and SM4).
/// </summary>
public sealed class DualCertificateTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData(RequesterKey.EcdsaP256, "Key Agreement")]
    [InlineData(RequesterKey.EcdsaP384, "Key Agreement")]
    [InlineData(RequesterKey.Rsa2048, "Key Encipherment, Data Encipherment")]
    public async Task DualPair_OpenSslDecryptsTheKeyWithTheSigningKey_AndItIsTheEncryptionCertificatesKey(string family, string keyUsage)
    {
        var (issued, key, _) = await DualPairs.IssueAsync(Server, family);
        using var directory = new TemporaryDirectory();
        var encryption = issued.GetProperty("encryption");
        var files = await WriteAsync(directory.Path, issued, key);

        var decrypted = Path.Combine(directory.Path, "recovered.der");
        await OpenSsl.OutputAsync("cms", "-decrypt", "-inform", "DER", "-in", files.Envelope, "-inkey", files.SigningKey, "-recip", files.SigningCertificate, "-out", decrypted);
        var fromKey = await OpenSsl.OutputAsync("pkey", "-inform", "DER", "-in", decrypted, "-pubout");
        var fromCertificate = await OpenSsl.OutputAsync("x509", "-in", files.EncryptionCertificate, "-noout", "-pubkey");
        var text = await OpenSsl.OutputAsync("x509", "-in", files.EncryptionCertificate, "-noout", "-text");
        var signingSubject = await OpenSsl.OutputAsync("x509", "-in", files.SigningCertificate, "-noout", "-subject");
        var encryptionSubject = await OpenSsl.OutputAsync("x509", "-in", files.EncryptionCertificate, "-noout", "-subject");

        Assert.True(issued.GetProperty("encryptionCertificate").GetBoolean());
        Assert.Equal("cms-enveloped-data", encryption.GetProperty("encryptedKeyFormat").GetString());
        Assert.Equal(fromCertificate, fromKey);
        Assert.NotEqual(await OpenSsl.OutputAsync("x509", "-in", files.SigningCertificate, "-noout", "-pubkey"), fromCertificate);
        Assert.Equal(signingSubject, encryptionSubject);
        Assert.Contains(keyUsage, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Digital Signature", text, StringComparison.Ordinal);
        Assert.Equal(0, (await OpenSsl.RunAsync("verify", "-CAfile", Server.DataFile("root-ca.pem"), "-untrusted", Server.DataFile("issuing-ca.pem"), files.EncryptionCertificate)).ExitCode);
        DualPairs.AssertNotInDataDirectory(Server, await File.ReadAllBytesAsync(decrypted), "The escrowed PKCS#8 key");
        DualPairs.AssertNotInDataDirectory(Server, PrivateScalar(await File.ReadAllBytesAsync(decrypted), family), "The escrowed private key");
    }

    [Fact]
    public async Task DualPair_Sm2_TheSm2EnvelopedKeyOpensWithTheSigningKey_AndHoldsTheEncryptionCertificatesKey()
    {
        var (issued, key, _) = await DualPairs.IssueAsync(Server, RequesterKey.Sm2);
        var encryption = issued.GetProperty("encryption");
        var certificate = new X509CertificateParser().ReadCertificate(Pem(encryption.GetProperty("certificate").GetString()!));
        var signing = new X509CertificateParser().ReadCertificate(Pem(issued.GetProperty("certificate").GetString()!));

        var (point, privateKey, algorithm) = Sm2EnvelopedKeyReader.Open(Convert.FromBase64String(encryption.GetProperty("encryptedKey").GetString()!), key.Sm2PrivateKey!);

        var publicKey = (ECPublicKeyParameters)certificate.GetPublicKey();
        Assert.Equal("sm2-enveloped-key", encryption.GetProperty("encryptedKeyFormat").GetString());
        Assert.Equal(Sm2EnvelopedKeyReader.Sm4Ecb, algorithm);
        Assert.Equal(publicKey.Q.GetEncoded(false), point);
        Assert.Equal(publicKey.Parameters.G.Multiply(privateKey).Normalize().GetEncoded(false), point);
        Assert.NotEqual(((ECPublicKeyParameters)signing.GetPublicKey()).Q.GetEncoded(false), point);
        Assert.Equal(signing.SubjectDN.ToString(), certificate.SubjectDN.ToString());
        // GM/T 0015: an encryption certificate enciphers and agrees keys; it does not sign.
        var usage = certificate.GetKeyUsage();
        Assert.False(usage[0]);
        Assert.True(usage[2] && usage[3] && usage[4]);
        DualPairs.AssertNotInDataDirectory(Server, Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, privateKey), "The escrowed SM2 private key");
    }

    [Fact]
    public async Task DualPair_IssuesBothCertificatesAndEscrows_InTheApprovalsTransaction_EachAuditedOnce()
    {
        var (issued, _, _) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        var id = issued.GetProperty("id").GetString()!;
        var signingSerial = issued.GetProperty("serialNumber").GetString()!;
        var encryptionSerial = issued.GetProperty("encryption").GetProperty("serialNumber").GetString()!;
        using var admin = Server.AdminClient();

        var events = await AuditEvents.ListAsync(admin, "?module=pki.ca&limit=500");

        Assert.Single(events, e => e.GetProperty("action").GetString() == "certificate.issue" && e.GetProperty("target").GetString() == signingSerial);
        var encryption = Assert.Single(events, e => e.GetProperty("action").GetString() == "certificate.issue" && e.GetProperty("target").GetString() == encryptionSerial);
        Assert.Equal("encryption", encryption.GetProperty("details").GetProperty("profile").GetString());
        Assert.Equal(id, encryption.GetProperty("details").GetProperty("request").GetString());
        var escrowed = Assert.Single(events, e => e.GetProperty("action").GetString() == "encryption-key.escrow" && e.GetProperty("target").GetString() == encryptionSerial);
        Assert.Equal(id, escrowed.GetProperty("details").GetProperty("request").GetString());
        Assert.Equal(signingSerial, escrowed.GetProperty("details").GetProperty("signingCertificate").GetString());
        using var record = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates/{encryptionSerial}"));
        Assert.Equal("valid", record.RootElement.GetProperty("status").GetString());
        Assert.Equal("encryption", record.RootElement.GetProperty("profile").GetString());
    }

    [Fact]
    public async Task DualPair_ForAnEd25519Key_IsRefused_AndNothingIsStored()
    {
        var department = await DepartmentAsync(Server, null, DualPairs.Profiles);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        var key = RequesterKey.Create(RequesterKey.Ed25519, "CN=Clerk Zhao,O=City Finance");

        using var refused = await DualPairs.SubmitDualAsync(clerk, department, key.CsrPem);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "encryption-certificate-unsupported");
        using var admin = Server.AdminClient();
        using var page = JsonDocument.Parse(await admin.GetStringAsync($"/pki/requests?department={department}"));
        Assert.Equal(0, page.RootElement.GetProperty("items").GetArrayLength());
        var events = await AuditEvents.ListAsync(admin, "?module=pki.ca&action=certificate-request.submit&limit=200");
        Assert.Single(events, e => e.GetProperty("target").GetString() == department && e.GetProperty("outcome").GetString() == "failure");
    }

    [Fact]
    public async Task DualPair_ForADepartmentWithoutTheEncryptionProfile_IsRefused()
    {
        var department = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));

        using var refused = await DualPairs.SubmitDualAsync(clerk, department, TestCsrs.Ecdsa("CN=Clerk Zhou,O=City Finance"));

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "profile-not-allowed");
        using var admin = Server.AdminClient();
        using var page = JsonDocument.Parse(await admin.GetStringAsync($"/pki/requests?department={department}"));
        Assert.Equal(0, page.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Request_WithoutEncryptionCertificate_IsASingleCertificate()
    {
        var department = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var id = await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Sun,O=City Finance"));
        using var approved = await ApproveAsync(officer, id);

        var issued = await RequestAsync(clerk, id);

        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.False(issued.GetProperty("encryptionCertificate").GetBoolean());
        Assert.Equal(JsonValueKind.Null, issued.GetProperty("encryption").ValueKind);
    }

    internal static async Task<(string SigningKey, string SigningCertificate, string EncryptionCertificate, string Envelope)> WriteAsync(
        string directory, JsonElement issued, RequesterKey key)
    {
        var files = (Path.Combine(directory, "signing.key"), Path.Combine(directory, "signing.pem"), Path.Combine(directory, "encryption.pem"),
            Path.Combine(directory, "envelope.der"));
        await File.WriteAllTextAsync(files.Item1, key.PrivateKeyPem);
        await File.WriteAllTextAsync(files.Item2, issued.GetProperty("certificate").GetString());
        await File.WriteAllTextAsync(files.Item3, issued.GetProperty("encryption").GetProperty("certificate").GetString());
        await File.WriteAllBytesAsync(files.Item4, Convert.FromBase64String(issued.GetProperty("encryption").GetProperty("encryptedKey").GetString()!));
        return files;
    }

    /// <summary>The secret number of a PKCS#8 key: d for EC, the private exponent for RSA.</summary>
    internal static byte[] PrivateScalar(byte[] pkcs8, string family)
    {
        if (family == RequesterKey.Rsa2048)
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa.ExportParameters(true).D!;
        }

        using var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(pkcs8, out _);
        return ec.ExportParameters(true).D!;
    }

    private static byte[] Pem(string pem) => PemEncoding.TryFind(pem, out var fields) ? Convert.FromBase64String(pem[fields.Base64Data]) : throw new ArgumentException("not PEM");
}
