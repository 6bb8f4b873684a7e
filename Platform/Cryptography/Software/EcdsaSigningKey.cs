using System.Security.Cryptography;

namespace Platform.Cryptography.Software;

/// <summary>An ECDSA key signing through the operating system's OpenSSL.</summary>
internal sealed class EcdsaSigningKey(string id, KeyAlgorithm algorithm, SignatureScheme scheme, ECDsa ecdsa) : ISigningKey, IExportableToTls
{
    public string Id => id;

    public KeyAlgorithm Algorithm => algorithm;

    public SignatureScheme Scheme => scheme;

    public AsymmetricAlgorithm AsymmetricAlgorithm => ecdsa;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; } = ecdsa.ExportSubjectPublicKeyInfo();

    public static EcdsaSigningKey Load(string id, KeyAlgorithm algorithm, SignatureScheme scheme, ReadOnlySpan<byte> pkcs8)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new EcdsaSigningKey(id, algorithm, scheme, ecdsa);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) =>
        ecdsa.SignData(data, scheme.HashAlgorithm(), DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => ecdsa.Dispose();
}
