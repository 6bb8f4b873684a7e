using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace Platform.Cryptography.Cms;

/// <summary>
/// The platform's one writer of CMS envelopes: content encrypted under a fresh content key, which
/// each recipient's key opens. AES-256-GCM is written as AuthEnvelopedData (RFC 5083/5084),
/// AES-256-CBC and SM4-CBC as EnvelopedData (RFC 5652 §6). Each recipient gets the content key
/// by its key's family: RSA by RSAES-OAEP with SHA-256 (KeyTransRecipientInfo); ECDSA P-256/P-384
/// by ephemeral-static ECDH (RFC 5753, KeyAgreeRecipientInfo); SM2 by SM2 encryption (GM/T 0010,
/// KeyTransRecipientInfo). What OpenSSL 3.0's <c>openssl cms -decrypt</c> opens, but SM2, which it does not.
/// </summary>
public static class CmsEnvelopeWriter
{
    /// <summary>Whether a key can be a recipient: RSA (any size the platform accepts), ECDSA P-256/P-384 or SM2; Ed25519 cannot.</summary>
    public static bool CanEncryptTo(KeyAlgorithm? algorithm) => algorithm is KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096
        or KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 or KeyAlgorithm.Sm2;

    /// <summary>
    /// The DER ContentInfo of <paramref name="content"/> (as <c>id-data</c>) encrypted with
    /// <paramref name="encryption"/> to every one of <paramref name="recipients"/>, each of a key
    /// <see cref="CanEncryptTo"/> accepts (else <see cref="ArgumentException"/>: callers check first).
    /// </summary>
    public static byte[] Seal(ReadOnlySpan<byte> content, IReadOnlyList<CmsRecipient> recipients, CmsContentEncryption encryption = CmsContentEncryption.Aes256Gcm)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("An envelope needs at least one recipient.", nameof(recipients));
        }

        var contentKey = RandomNumberGenerator.GetBytes(ContentCipher.KeyBytes(encryption));
        try
        {
            var recipientInfos = new Asn1EncodableVector();
            foreach (var recipient in recipients)
            {
                recipientInfos.Add(RecipientInfo(contentKey, recipient));
            }

            var (algorithm, ciphertext, tag) = ContentCipher.Encrypt(encryption, contentKey, content);
            var encrypted = new EncryptedContentInfo(CmsObjectIdentifiers.Data, algorithm, new DerOctetString(ciphertext));
            var infos = new DerSet(recipientInfos);
            var envelope = tag is null
                ? new ContentInfo(CmsObjectIdentifiers.EnvelopedData, new EnvelopedData(null, infos, encrypted, (Asn1Set?)null))
                : new ContentInfo(CmsObjectIdentifiers.AuthEnvelopedData, new AuthEnvelopedData(null, infos, encrypted, null, new DerOctetString(tag), null));
            return envelope.GetEncoded(Asn1Encodable.Der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    /// <summary>The envelope of <paramref name="content"/> for one recipient.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> content, CmsRecipient recipient, CmsContentEncryption encryption = CmsContentEncryption.Aes256Gcm) =>
        Seal(content, [recipient], encryption);

    private static RecipientInfo RecipientInfo(byte[] contentKey, CmsRecipient recipient) => PublicKeys.Describe(recipient.PublicKey).Algorithm switch
    {
        KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096 => RsaOaepKeyTransport.Write(contentKey, recipient),
        KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 => EcdhKeyAgreement.Write(contentKey, recipient),
        KeyAlgorithm.Sm2 => Sm2KeyTransport.Write(contentKey, recipient),
        var other => throw new ArgumentException($"A {other?.Name() ?? "key of an unsupported type"} cannot receive a CMS envelope.", nameof(recipient)),
    };
}
