using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;
using Platform.Cryptography.Cms;

namespace Pki.Ca.Issuance;

/// <summary>
/// The CMS EnvelopedData (RFC 5652 §6) that carries a private key the platform generated to its
/// holder — an EST <c>serverkeygen</c> key (RFC 7030 §4.4.2, <c>smime-type=server-generated-key</c>),
/// the escrowed key of a dual pair, a recovered key: the PKCS#8 key encrypted with AES-256-CBC by
/// the platform's one envelope writer (<see cref="CmsEnvelopeWriter"/>), for an RSA recipient by
/// RSAES-OAEP, for an ECDSA P-256/P-384 one by ephemeral-static ECDH (RFC 5753). CBC rather than
/// GCM because EST clients expect EnvelopedData (RFC 7030 §4.4.2). SM2 recipients receive keys as
/// GM/T 0009 SM2EnvelopedKey instead (<see cref="Escrow.KeyEnvelopes"/>).
/// </summary>
internal static class PrivateKeyEnvelope
{
    /// <summary>Whether a key can be a recipient: RSA (any size the platform accepts) or ECDSA P-256/P-384.</summary>
    public static bool CanEncryptTo(KeyAlgorithm? algorithm) => algorithm is not KeyAlgorithm.Sm2 && CmsEnvelopeWriter.CanEncryptTo(algorithm);

    /// <summary>
    /// The DER ContentInfo of an EnvelopedData of <paramref name="content"/> for the key
    /// <paramref name="recipient"/>, named by <paramref name="certificate"/> (issuer and serial) when
    /// given, else by its key identifier.
    /// </summary>
    public static byte[] Seal(ReadOnlySpan<byte> content, SubjectPublicKeyInfo recipient, X509CertificateStructure? certificate) =>
        CmsEnvelopeWriter.Seal(content, new CmsRecipient(recipient, certificate), CmsContentEncryption.Aes256Cbc);
}
