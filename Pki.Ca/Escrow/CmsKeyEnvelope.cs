using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using Org.BouncyCastle.X509;
using System.Security.Cryptography;

namespace Pki.Ca.Escrow;

/// <summary>
/// Encrypts a PKCS#8 private key to a certificate as CMS EnvelopedData (RFC 5652), AES-256-CBC
/// content encryption: to an RSA key by RSAES-OAEP with SHA-256 (RFC 3560), to an EC key by
/// ephemeral-static ECDH with the X9.63 KDF and AES-256 key wrap (RFC 5753 §3.1), so that
/// <c>openssl cms -decrypt</c> with the recipient's key gives the PKCS#8 key back.
/// </summary>
/// <remarks>
/// The EC recipient is written here rather than by Bouncy Castle's generator, which derives the
/// key-encryption key over a key-wrap AlgorithmIdentifier with NULL parameters while the message
/// carries it without (bc-csharp #697): OpenSSL, following RFC 5753 and RFC 3565 (absent
/// parameters), then derives another key and cannot unwrap.
/// </remarks>
internal static class CmsKeyEnvelope
{
    private const string RsaOaepSha256 = "RSA/NONE/OAEPWITHSHA256ANDMGF1PADDING";
    private const int KeyBytes = 32;

    /// <summary>The envelope of <paramref name="pkcs8"/> for <paramref name="recipient"/>, whose key is RSA or EC on P-256/P-384.</summary>
    public static byte[] Seal(X509Certificate recipient, byte[] pkcs8)
    {
        switch (recipient.GetPublicKey())
        {
            case RsaKeyParameters:
                var generator = new CmsEnvelopedDataGenerator(new SecureRandom());
                generator.AddKeyTransRecipient(RsaOaepSha256, recipient);
                return generator.Generate(new CmsProcessableByteArray(pkcs8), NistObjectIdentifiers.IdAes256Cbc).GetEncoded();
            case ECPublicKeyParameters ec:
                return SealForEc(recipient, ec, pkcs8);
            default:
                throw new ArgumentException("The recipient's key is neither RSA nor EC.", nameof(recipient));
        }
    }

    private static byte[] SealForEc(X509Certificate recipient, ECPublicKeyParameters recipientKey, byte[] content)
    {
        var contentKey = RandomNumberGenerator.GetBytes(KeyBytes);
        var iv = RandomNumberGenerator.GetBytes(16);
        try
        {
            // The ephemeral key lives for this envelope only, on the recipient's curve.
            var ephemeralGenerator = new ECKeyPairGenerator();
            ephemeralGenerator.Init(new ECKeyGenerationParameters(recipientKey.Parameters, new SecureRandom()));
            var ephemeral = ephemeralGenerator.GenerateKeyPair();
            var agreement = new ECDHBasicAgreement();
            agreement.Init(ephemeral.Private);
            var sharedSecret = BigIntegers.AsUnsignedByteArray((recipientKey.Parameters.Curve.FieldSize + 7) / 8, agreement.CalculateAgreement(recipientKey));

            var p384 = recipientKey.Parameters.Curve.FieldSize > 256;
            var scheme = p384 ? SecObjectIdentifiers.dhSinglePass_stdDH_sha384kdf_scheme : SecObjectIdentifiers.dhSinglePass_stdDH_sha256kdf_scheme;
            // RFC 3565 §2.3.2: the AES key-wrap identifiers have absent parameters.
            var wrap = new AlgorithmIdentifier(NistObjectIdentifiers.IdAes256Wrap);
            var keyEncryptionKey = X963Kdf(sharedSecret, SharedInfo(wrap), p384);
            CryptographicOperations.ZeroMemory(sharedSecret);
            var wrapper = new AesWrapEngine();
            wrapper.Init(true, new KeyParameter(keyEncryptionKey));
            var wrapped = wrapper.Wrap(contentKey, 0, contentKey.Length);
            CryptographicOperations.ZeroMemory(keyEncryptionKey);

            var ephemeralPublic = (ECPublicKeyParameters)ephemeral.Public;
            var originator = new OriginatorIdentifierOrKey(new OriginatorPublicKey(
                new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey), ephemeralPublic.Q.GetEncoded(false)));
            var recipientId = new KeyAgreeRecipientIdentifier(new IssuerAndSerialNumber(recipient.IssuerDN, recipient.SerialNumber));
            var keyAgree = new KeyAgreeRecipientInfo(originator, null, new AlgorithmIdentifier(scheme, wrap),
                new DerSequence(new RecipientEncryptedKey(recipientId, new DerOctetString(wrapped))));

            using var aes = Aes.Create();
            aes.Key = contentKey;
            var encrypted = aes.EncryptCbc(content, iv, PaddingMode.PKCS7);
            var encryptedContent = new EncryptedContentInfo(CmsObjectIdentifiers.Data,
                new AlgorithmIdentifier(NistObjectIdentifiers.IdAes256Cbc, new DerOctetString(iv)), new BerOctetString(encrypted));
            var enveloped = new EnvelopedData(null, new DerSet(new RecipientInfo(keyAgree)), encryptedContent, (Asn1Set?)null);
            return new ContentInfo(CmsObjectIdentifiers.EnvelopedData, enveloped).GetDerEncoded();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    /// <summary>ECC-CMS-SharedInfo (RFC 5753 §7.2): the key-wrap algorithm, no user keying material, the key length in bits.</summary>
    private static byte[] SharedInfo(AlgorithmIdentifier wrap)
    {
        var bits = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bits, KeyBytes * 8);
        return new DerSequence(wrap, new DerTaggedObject(true, 2, new DerOctetString(bits))).GetDerEncoded();
    }

    /// <summary>The ANSI X9.63 KDF (SEC 1 §3.6.1) for one hash block, which covers a 256-bit key: H(Z || 00000001 || SharedInfo).</summary>
    private static byte[] X963Kdf(byte[] sharedSecret, byte[] sharedInfo, bool sha384)
    {
        byte[] input = [.. sharedSecret, 0, 0, 0, 1, .. sharedInfo];
        try
        {
            var block = sha384 ? SHA384.HashData(input) : SHA256.HashData(input);
            return block[..KeyBytes];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
