using System.Security.Cryptography;

namespace Platform.Cryptography.Software;

/// <summary>An RSA key signing through the operating system's OpenSSL.</summary>
internal sealed class RsaSigningKey(string id, KeyAlgorithm algorithm, SignatureScheme scheme, RSA rsa) : ISigningKey, IExportableToTls, ISchemeSelectable
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

    // The view shares the RSA object: store keys are never disposed by their users, so neither is it.
    public ISigningKey WithScheme(SignatureScheme chosen) => chosen == scheme ? this
        : algorithm.Supports(chosen) ? new RsaSigningKey(id, algorithm, chosen, rsa)
        : throw new ArgumentException($"An {algorithm.Name()} key cannot sign with {chosen}.", nameof(chosen));

    public void Dispose() => rsa.Dispose();
}
