using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Platform.Cryptography.Cms;

/// <summary>
/// Key transport to SM2 (GM/T 0010): the content key SM2-encrypted to the recipient, as the
/// SM2Cipher of GM/T 0009 (<see cref="Sm2Cipher"/>), under <c>sm2encrypt</c> (1.2.156.10197.1.301.3)
/// written without parameters (absent or NULL read).
/// </summary>
internal static class Sm2KeyTransport
{
    public static RecipientInfo Write(byte[] contentKey, CmsRecipient recipient)
    {
        var key = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(recipient.PublicKey);
        var encrypted = Sm2Cipher.Encrypt(key, contentKey).GetDerEncoded();
        return new RecipientInfo(new KeyTransRecipientInfo(RecipientIds.ForKeyTransport(recipient), new AlgorithmIdentifier(CmsOids.Sm2Encrypt), new DerOctetString(encrypted)));
    }

    public static (byte[]? ContentKey, CmsEnvelopeError? Error) Unwrap(KeyTransRecipientInfo info, ECPrivateKeyParameters key)
    {
        if (!info.KeyEncryptionAlgorithm.Algorithm.Equals(CmsOids.Sm2Encrypt))
        {
            return (null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported,
                $"An SM2 recipient's content key is encrypted with {info.KeyEncryptionAlgorithm.Algorithm.Id}, not sm2encrypt ({CmsOids.Sm2Encrypt.Id})."));
        }

        return Sm2Cipher.Decrypt(key, info.EncryptedKey.GetOctets()) is { } contentKey
            ? (contentKey, null)
            : (null, new(CmsEnvelopeErrorKind.Undecryptable, "The recipient's SM2 key does not decrypt the content key."));
    }
}
