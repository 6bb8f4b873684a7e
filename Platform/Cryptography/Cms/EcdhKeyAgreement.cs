using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Platform.Cryptography.Cms;

/// <summary>
/// Key agreement with ECDSA P-256/P-384 recipients by ephemeral-static ECDH (RFC 5753 §3.1): the
/// X9.63 KDF over the shared secret and the ECC-CMS-SharedInfo, then AES key wrap (RFC 3394) of the
/// content key. Written as <c>dhSinglePass-stdDH-sha256kdf-scheme</c> with aes256-wrap, on P-256
/// and P-384 alike (the envelope the CA's key releases have always had); read also with the SHA-384 and SHA-1 KDF (which OpenSSL writes unless told
/// <c>-keyopt ecdh_kdf_md:sha256</c>; as a KDF over a fresh secret, SHA-1's collisions do not matter)
/// and with aes128- or aes192-wrap.
/// </summary>
/// <remarks>
/// Written here rather than by Bouncy Castle's generator, which derives the key-encryption key over a
/// key-wrap AlgorithmIdentifier with NULL parameters while the message carries it without
/// (bc-csharp #697): OpenSSL, following RFC 5753 and RFC 3565 (absent parameters), then derives
/// another key and cannot unwrap. Reading, the KDF runs over the AlgorithmIdentifier exactly as the
/// message encodes it.
/// </remarks>
internal static class EcdhKeyAgreement
{
    /// <summary>aes256-wrap (RFC 3565), whose parameters are absent.</summary>
    private static readonly AlgorithmIdentifier Aes256Wrap = new(NistObjectIdentifiers.IdAes256Wrap);

    public static RecipientInfo Write(byte[] contentKey, CmsRecipient recipient)
    {
        var recipientKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(recipient.PublicKey);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(recipientKey.Parameters, new SecureRandom()));
        var ephemeral = generator.GenerateKeyPair();
        var keyEncryptionKey = DeriveKey((ECPrivateKeyParameters)ephemeral.Private, recipientKey, Aes256Wrap, 32, new Sha256Digest(), null);
        var wrap = new AesWrapEngine();
        wrap.Init(true, new KeyParameter(keyEncryptionKey));
        var wrapped = wrap.Wrap(contentKey, 0, contentKey.Length);
        CryptographicOperations.ZeroMemory(keyEncryptionKey);

        // The ephemeral key's curve is the recipient's: RFC 5753 §3.1.1 leaves its parameters out.
        var ephemeralInfo = Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(ephemeral.Public);
        var originator = new OriginatorIdentifierOrKey(new OriginatorPublicKey(new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey), ephemeralInfo.PublicKey));
        var scheme = new AlgorithmIdentifier(CmsOids.EcdhSha256Kdf, Aes256Wrap);
        return new RecipientInfo(new KeyAgreeRecipientInfo(originator, null, scheme,
            new DerSequence(new RecipientEncryptedKey(RecipientIds.ForKeyAgreement(recipient), new DerOctetString(wrapped)))));
    }

    public static (byte[]? ContentKey, CmsEnvelopeError? Error) Unwrap(KeyAgreeRecipientInfo info, RecipientEncryptedKey encrypted, ECPrivateKeyParameters key)
    {
        var scheme = info.KeyEncryptionAlgorithm;
        IDigest? digest = scheme.Algorithm.Equals(CmsOids.EcdhSha1Kdf) ? new Sha1Digest()
            : scheme.Algorithm.Equals(CmsOids.EcdhSha256Kdf) ? new Sha256Digest()
            : scheme.Algorithm.Equals(CmsOids.EcdhSha384Kdf) ? new Sha384Digest()
            : null;
        if (digest is null)
        {
            return (null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported,
                $"The key agreement is {scheme.Algorithm.Id}; the platform opens dhSinglePass-stdDH with the SHA-1, SHA-256 or SHA-384 KDF."));
        }

        AlgorithmIdentifier wrapAlgorithm;
        try
        {
            wrapAlgorithm = AlgorithmIdentifier.GetInstance(scheme.Parameters);
        }
        catch (ArgumentException)
        {
            return (null, new(CmsEnvelopeErrorKind.Malformed, "The key agreement does not name its key-wrap algorithm."));
        }

        var kekBytes = wrapAlgorithm.Algorithm.Equals(NistObjectIdentifiers.IdAes128Wrap) ? 16
            : wrapAlgorithm.Algorithm.Equals(NistObjectIdentifiers.IdAes192Wrap) ? 24
            : wrapAlgorithm.Algorithm.Equals(NistObjectIdentifiers.IdAes256Wrap) ? 32
            : 0;
        if (kekBytes == 0)
        {
            return (null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported, $"The key is wrapped with {wrapAlgorithm.Algorithm.Id}; the platform opens AES key wrap."));
        }

        if (info.Originator.OriginatorKey is not { } originator)
        {
            return (null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported, "The key agreement names a static originator key; the platform opens ephemeral-static ECDH only."));
        }

        byte[]? keyEncryptionKey = null;
        try
        {
            var point = key.Parameters.Curve.DecodePoint(originator.PublicKey.GetOctets());
            var ephemeral = new ECPublicKeyParameters(point, key.Parameters);
            keyEncryptionKey = DeriveKey(key, ephemeral, wrapAlgorithm, kekBytes, digest, info.UserKeyingMaterial?.GetOctets());
            var unwrap = new AesWrapEngine();
            unwrap.Init(false, new KeyParameter(keyEncryptionKey));
            var wrapped = encrypted.EncryptedKey.GetOctets();
            return (unwrap.Unwrap(wrapped, 0, wrapped.Length), null);
        }
        catch (Exception e) when (e is InvalidCipherTextException or ArgumentException or InvalidOperationException)
        {
            // An originator point off the recipient's curve, or a key-encryption key that does not unwrap.
            return (null, new(CmsEnvelopeErrorKind.Undecryptable, "The recipient's key does not unwrap the content key."));
        }
        finally
        {
            if (keyEncryptionKey is not null)
            {
                CryptographicOperations.ZeroMemory(keyEncryptionKey);
            }
        }
    }

    /// <summary>The key-encryption key: X9.63 KDF of the ECDH secret over ECC-CMS-SharedInfo (RFC 5753 §7.2).</summary>
    private static byte[] DeriveKey(ECPrivateKeyParameters own, ECPublicKeyParameters other, AlgorithmIdentifier wrap, int keyBytes, IDigest digest, byte[]? userKeyingMaterial)
    {
        var agreement = new ECDHBasicAgreement();
        agreement.Init(own);
        var shared = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(agreement.GetFieldSize(), agreement.CalculateAgreement(other));
        var bits = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bits, keyBytes * 8);
        var fields = new Asn1EncodableVector(wrap);
        if (userKeyingMaterial is not null)
        {
            fields.Add(new DerTaggedObject(true, 0, new DerOctetString(userKeyingMaterial)));
        }

        fields.Add(new DerTaggedObject(true, 2, new DerOctetString(bits)));
        var kdf = new Kdf2BytesGenerator(digest);
        kdf.Init(new KdfParameters(shared, new DerSequence(fields).GetEncoded(Asn1Encodable.Der)));
        var keyEncryptionKey = new byte[keyBytes];
        kdf.GenerateBytes(keyEncryptionKey, 0, keyEncryptionKey.Length);
        CryptographicOperations.ZeroMemory(shared);
        return keyEncryptionKey;
    }
}
