using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using Platform.Cryptography;

namespace Pki.Ca.Escrow;

/// <summary>
/// Encrypts a private key to a recipient certificate in the format of the recipient's key family:
/// an SM2 recipient receives an SM2 key as GM/T 0009 SM2EnvelopedKey, an RSA or ECDSA recipient
/// any key as CMS EnvelopedData.
/// </summary>
internal static class KeyEnvelopes
{
    /// <summary>Whether a key of <paramref name="protectedKey"/> can be encrypted to a certificate whose key is <paramref name="recipientKey"/>.</summary>
    public static bool CanReceive(KeyAlgorithm? recipientKey, KeyAlgorithm protectedKey) => recipientKey switch
    {
        // SM2EnvelopedKey carries an SM2 key pair and nothing else.
        KeyAlgorithm.Sm2 => protectedKey == KeyAlgorithm.Sm2,
        _ => Issuance.PrivateKeyEnvelope.CanEncryptTo(recipientKey),
    };

    /// <summary>
    /// <paramref name="pkcs8"/>, a key of <paramref name="protectedKey"/>, encrypted to
    /// <paramref name="recipient"/>; callers check <see cref="CanReceive"/> first.
    /// </summary>
    public static EnvelopedKey Seal(X509Certificate recipient, byte[] pkcs8, KeyAlgorithm protectedKey)
    {
        var recipientKey = PublicKeys.Describe(recipient.SubjectPublicKeyInfo).Algorithm;
        if (!CanReceive(recipientKey, protectedKey))
        {
            throw new ArgumentException($"A {protectedKey.Name()} key cannot be encrypted to a {recipientKey?.Name() ?? "unsupported"} key.", nameof(recipient));
        }

        return recipientKey == KeyAlgorithm.Sm2
            ? new(EnvelopedKey.Sm2Format, Sm2EnvelopedKeyWriter.Seal((ECPublicKeyParameters)recipient.GetPublicKey(), pkcs8))
            : new(EnvelopedKey.CmsFormat, Issuance.PrivateKeyEnvelope.Seal(pkcs8, recipient.CertificateStructure.SubjectPublicKeyInfo, recipient.CertificateStructure));
    }
}
