using System.Security.Cryptography;

namespace Platform.Cryptography.Software;

/// <summary>An RSA key signing through the operating system's OpenSSL.</summary>
internal sealed class RsaSigningKey(string id, KeyAlgorithm algorithm, SignatureScheme scheme, RSA rsa) : ISigningKey, IExportableToTls
{
    public string Id => id;

    public KeyAlgorithm Algorithm => algorithm;

    public SignatureScheme Scheme => scheme;

    public AsymmetricAlgorithm AsymmetricAlgorithm => rsa;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; } = rsa.ExportSubjectPublicKeyInfo();

    public static RsaSigningKey Load(string id, KeyAlgorithm algorithm, SignatureScheme scheme, ReadOnlySpan<byte> pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new RsaSigningKey(id, algorithm, scheme, rsa);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => rsa.SignData(data.ToArray(), scheme.HashAlgorithm(), scheme.RsaPadding());

    public void Dispose() => rsa.Dispose();
}
