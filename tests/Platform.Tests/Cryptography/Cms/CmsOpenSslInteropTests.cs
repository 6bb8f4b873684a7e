using Platform.Cryptography;
using Platform.Cryptography.Cms;
using TestSupport;

namespace Platform.Tests.Cryptography.Cms;

/// <summary>Our envelopes opened by <c>openssl cms -decrypt</c>, and OpenSSL's opened by the platform's reader.</summary>
public sealed class CmsOpenSslInteropTests : IDisposable
{
    private static readonly byte[] Document = "Exchanged between two bureaus through the data-exchange hub."u8.ToArray();
    private readonly TemporaryDirectory directory = new();

    public static TheoryData<KeyAlgorithm, CmsContentEncryption> Pairs => new()
    {
        { KeyAlgorithm.Rsa2048, CmsContentEncryption.Aes256Gcm },
        { KeyAlgorithm.Rsa2048, CmsContentEncryption.Aes256Cbc },
        { KeyAlgorithm.EcdsaP256, CmsContentEncryption.Aes256Gcm },
        { KeyAlgorithm.EcdsaP256, CmsContentEncryption.Aes256Cbc },
        { KeyAlgorithm.EcdsaP384, CmsContentEncryption.Aes256Gcm },
        { KeyAlgorithm.EcdsaP384, CmsContentEncryption.Aes256Cbc },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Seal_OurEnvelope_OpenSslDecryptsIt(KeyAlgorithm algorithm, CmsContentEncryption encryption)
    {
        var openssl = ExternalTool.Require("openssl");
        var recipient = Files(EnvelopeRecipient.Create(algorithm));
        await File.WriteAllBytesAsync(directory.File("enveloped.der"), CmsEnvelopeWriter.Seal(Document, recipient.Recipient.Recipient, encryption));

        var result = await ExternalTool.RunAsync(openssl, ["cms", "-decrypt", "-binary", "-inform", "DER", "-in", directory.File("enveloped.der"),
            "-recip", recipient.Certificate, "-inkey", recipient.Key, "-out", directory.File("decrypted")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Document, await File.ReadAllBytesAsync(directory.File("decrypted")));
    }

    public static TheoryData<KeyAlgorithm, string, string[]> OpenSslEncryptions => new()
    {
        { KeyAlgorithm.Rsa2048, "-aes-256-gcm", ["-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"] },
        { KeyAlgorithm.Rsa2048, "-aes-256-cbc", ["-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"] },
        { KeyAlgorithm.Rsa2048, "-aes-256-gcm", ["-keyopt", "rsa_padding_mode:oaep"] },
        { KeyAlgorithm.EcdsaP256, "-aes-256-gcm", [] },
        { KeyAlgorithm.EcdsaP256, "-aes-256-cbc", [] },
        { KeyAlgorithm.EcdsaP256, "-aes-128-cbc", ["-keyopt", "ecdh_kdf_md:sha256"] },
        { KeyAlgorithm.EcdsaP384, "-aes-256-gcm", ["-keyopt", "ecdh_kdf_md:sha384"] },
        { KeyAlgorithm.EcdsaP384, "-aes-256-cbc", [] },
    };

    [Theory]
    [MemberData(nameof(OpenSslEncryptions))]
    public async Task Decrypt_OpenSslsEnvelope_ReturnsTheContent(KeyAlgorithm algorithm, string cipher, string[] options)
    {
        var openssl = ExternalTool.Require("openssl");
        var recipient = Files(EnvelopeRecipient.Create(algorithm));
        var der = await OpenSslEncryptAsync(openssl, recipient.Certificate, [cipher, .. options]);

        var reading = CmsEnvelopeReader.Read(der);
        var decryption = reading.Envelope!.Decrypt(recipient.Recipient.Identifier, recipient.Recipient.Pkcs8);

        Assert.Null(decryption.Error);
        Assert.Equal(Document, decryption.Content);
    }

    [Fact]
    public async Task Decrypt_OpenSslsDefaultRsaPkcs1v15Envelope_IsAlgorithmUnsupported()
    {
        var openssl = ExternalTool.Require("openssl");
        var recipient = Files(EnvelopeRecipient.Create(KeyAlgorithm.Rsa2048));
        var der = await OpenSslEncryptAsync(openssl, recipient.Certificate, ["-aes-256-cbc"]);

        var decryption = CmsEnvelopeReader.Read(der).Envelope!.Decrypt(recipient.Recipient.Identifier, recipient.Recipient.Pkcs8);

        Assert.Null(decryption.Content);
        Assert.Equal(CmsEnvelopeErrorKind.AlgorithmUnsupported, decryption.Error!.Kind);
    }

    [Fact]
    public async Task Decrypt_OpenSslsEnvelopeWithTamperedGcmTag_IsUndecryptable()
    {
        var openssl = ExternalTool.Require("openssl");
        var recipient = Files(EnvelopeRecipient.Create(KeyAlgorithm.EcdsaP256));
        var der = await OpenSslEncryptAsync(openssl, recipient.Certificate, ["-aes-256-gcm"]);
        der[^1] ^= 0x01;

        var decryption = CmsEnvelopeReader.Read(der).Envelope!.Decrypt(recipient.Recipient.Identifier, recipient.Recipient.Pkcs8);

        Assert.Equal(CmsEnvelopeErrorKind.Undecryptable, decryption.Error!.Kind);
    }

    public void Dispose() => directory.Dispose();

    private async Task<byte[]> OpenSslEncryptAsync(string openssl, string certificate, string[] options)
    {
        await File.WriteAllBytesAsync(directory.File("document"), Document);
        var result = await ExternalTool.RunAsync(openssl, ["cms", "-encrypt", "-binary", "-outform", "DER", "-in", directory.File("document"),
            "-out", directory.File("openssl.der"), "-recip", certificate, .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return await File.ReadAllBytesAsync(directory.File("openssl.der"));
    }

    private (EnvelopeRecipient Recipient, string Certificate, string Key) Files(EnvelopeRecipient recipient)
    {
        var name = Guid.NewGuid().ToString("n");
        File.WriteAllText(directory.File(name + ".pem"), recipient.CertificatePem);
        File.WriteAllText(directory.File(name + ".key"), recipient.KeyPem);
        return (recipient, directory.File(name + ".pem"), directory.File(name + ".key"));
    }
}
