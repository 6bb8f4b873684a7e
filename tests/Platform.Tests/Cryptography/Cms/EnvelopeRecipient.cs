using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;
using Platform.Cryptography.Cms;
using Platform.Cryptography.Software;

namespace Platform.Tests.Cryptography.Cms;

/// <summary>
/// A test recipient: its PKCS#8 key, and for RSA and ECDSA a self-signed certificate made by .NET
/// (for OpenSSL's <c>-recip</c>); an SM2 recipient is named by its key identifier.
/// </summary>
public sealed record EnvelopeRecipient(KeyAlgorithm Algorithm, byte[] Pkcs8, CmsRecipient Recipient, string? CertificatePem, string KeyPem)
{
    public static EnvelopeRecipient Create(KeyAlgorithm algorithm)
    {
        if (algorithm == KeyAlgorithm.Sm2)
        {
            var pkcs8 = SoftwareKeys.Generate(algorithm);
            using var key = SoftwareKeys.Load("sm2", algorithm, pkcs8);
            return new(algorithm, pkcs8, new CmsRecipient(SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray())), null, PemEncoding.WriteString("PRIVATE KEY", pkcs8));
        }

        AsymmetricAlgorithm created = algorithm switch
        {
            KeyAlgorithm.Rsa2048 => RSA.Create(2048),
            KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            KeyAlgorithm.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        using (created)
        {
            var request = created is RSA rsa
                ? new CertificateRequest($"CN=recipient {algorithm.Name()}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : new CertificateRequest($"CN=recipient {algorithm.Name()}", (ECDsa)created, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                created is RSA ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.KeyAgreement, critical: true));
            // Signed without attaching the private key: .NET takes a keyAgreement-only EC certificate for an ECDH one.
            var generator = created is RSA signer ? X509SignatureGenerator.CreateForRSA(signer, RSASignaturePadding.Pkcs1) : X509SignatureGenerator.CreateForECDsa((ECDsa)created);
            using var certificate = request.Create(request.SubjectName, generator, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));
            var pkcs8 = created.ExportPkcs8PrivateKey();
            return new(algorithm, pkcs8, CmsRecipient.Of(X509CertificateStructure.GetInstance(certificate.RawData)), certificate.ExportCertificatePem(),
                PemEncoding.WriteString("PRIVATE KEY", pkcs8));
        }
    }

    /// <summary>How an envelope to this recipient names it.</summary>
    public CmsRecipientIdentifier Identifier => Recipient.Certificate is { } certificate
        ? new(certificate.Issuer, certificate.SerialNumber.Value.ToString(16), null)
        : new(null, null, SHA1.HashData(Recipient.PublicKey.PublicKey.GetBytes()));
}
