using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Platform.Cryptography;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using IssuerAndSerialNumber = Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber;

namespace Pki.Ca.Issuance;

/// <summary>
/// The CMS EnvelopedData (RFC 5652 §6) that carries a private key the platform generated to its
/// holder — an EST <c>serverkeygen</c> key (RFC 7030 §4.4.2, <c>smime-type=server-generated-key</c>),
/// the escrowed key of a dual pair, a recovered key: the PKCS#8 key encrypted with AES-256-CBC
/// under a fresh content key, which only the recipient's key opens. An RSA
/// recipient gets the content key by RSAES-OAEP with SHA-256 (RFC 8017, RFC 4055); an ECDSA
/// P-256/P-384 recipient by ephemeral-static ECDH, the X9.63 SHA-256 KDF and AES-256 key wrap
/// (RFC 5753 <c>dhSinglePass-stdDH-sha256kdf-scheme</c>). These are what <c>openssl cms -decrypt</c>
/// of OpenSSL 3.0 opens. The recipient is named by issuer and serial when it is a certificate, else
/// by the key identifier of RFC 5280 §4.2.1.2 (SHA-1 of the public key bits).
/// </summary>
/// <remarks>
/// The EC recipient is written here rather than by Bouncy Castle's generator, which derives the
/// key-encryption key over a key-wrap AlgorithmIdentifier with NULL parameters while the message
/// carries it without (bc-csharp #697): OpenSSL, following RFC 5753 and RFC 3565 (absent
/// parameters), then derives another key and cannot unwrap.
/// </remarks>
internal static class PrivateKeyEnvelope
{
    /// <summary>aes256-wrap (RFC 3565), whose parameters are absent.</summary>
    private static readonly AlgorithmIdentifier Aes256Wrap = new(NistObjectIdentifiers.IdAes256Wrap);

    /// <summary>dhSinglePass-stdDH-sha256kdf-scheme (RFC 5753 §7.1.4).</summary>
    private static readonly DerObjectIdentifier EcdhSha256Kdf = new("1.3.132.1.11.1");

    /// <summary>Whether a key can be a recipient: RSA (any size the platform accepts) or ECDSA P-256/P-384.</summary>
    public static bool CanEncryptTo(KeyAlgorithm? algorithm) => algorithm is KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096
        or KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384;

    /// <summary>
    /// The DER ContentInfo of an EnvelopedData of <paramref name="content"/> for the key
    /// <paramref name="recipient"/>, named by <paramref name="certificate"/> (issuer and serial) when given.
    /// </summary>
    public static byte[] Seal(ReadOnlySpan<byte> content, SubjectPublicKeyInfo recipient, X509CertificateStructure? certificate)
    {
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        try
        {
            using var aes = Aes.Create();
            aes.Key = contentKey;
            var encrypted = aes.EncryptCbc(content, iv, PaddingMode.PKCS7);
            var keyId = SHA1.HashData(recipient.PublicKey.GetBytes());
            var recipientInfo = PublicKeys.Describe(recipient).Algorithm is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384
                ? KeyAgreement(contentKey, recipient, certificate, keyId)
                : KeyTransport(contentKey, recipient, certificate, keyId);
            var encryptedContent = new EncryptedContentInfo(CmsObjectIdentifiers.Data,
                new AlgorithmIdentifier(NistObjectIdentifiers.IdAes256Cbc, new DerOctetString(iv)), new DerOctetString(encrypted));
            var enveloped = new EnvelopedData(null, new DerSet(recipientInfo), encryptedContent, (Asn1Set?)null);
            return new ContentInfo(CmsObjectIdentifiers.EnvelopedData, enveloped).GetEncoded(Asn1Encodable.Der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    private static RecipientInfo KeyTransport(byte[] contentKey, SubjectPublicKeyInfo recipient, X509CertificateStructure? certificate, byte[] keyId)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(recipient.GetDerEncoded(), out _);
        var wrapped = rsa.Encrypt(contentKey, RSAEncryptionPadding.OaepSHA256);
        var sha256 = new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance);
        var oaep = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsaesOaep, new RsaesOaepParameters(
            sha256, new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, sha256), RsaesOaepParameters.DefaultPSourceAlgorithm));
        var id = certificate is null
            ? new RecipientIdentifier(new SubjectKeyIdentifier(keyId))
            : new RecipientIdentifier(new IssuerAndSerialNumber(certificate.Issuer, certificate.SerialNumber));
        return new RecipientInfo(new KeyTransRecipientInfo(id, oaep, new DerOctetString(wrapped)));
    }

    private static RecipientInfo KeyAgreement(byte[] contentKey, SubjectPublicKeyInfo recipient, X509CertificateStructure? certificate, byte[] keyId)
    {
        var recipientKey = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(recipient);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(recipientKey.Parameters, new SecureRandom()));
        var ephemeral = generator.GenerateKeyPair();
        var agreement = new ECDHBasicAgreement();
        agreement.Init(ephemeral.Private);
        var shared = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(agreement.GetFieldSize(), agreement.CalculateAgreement(recipientKey));

        // RFC 5753 §7.2: the KDF's shared info names the wrap algorithm and the key length in bits.
        var sharedInfo = new DerSequence(Aes256Wrap, new DerTaggedObject(true, 2, new DerOctetString([0, 0, 1, 0]))).GetEncoded(Asn1Encodable.Der);
        var keyEncryptionKey = new byte[32];
        var kdf = new Kdf2BytesGenerator(new Org.BouncyCastle.Crypto.Digests.Sha256Digest());
        kdf.Init(new KdfParameters(shared, sharedInfo));
        kdf.GenerateBytes(keyEncryptionKey, 0, keyEncryptionKey.Length);
        var wrap = new AesWrapEngine();
        wrap.Init(true, new KeyParameter(keyEncryptionKey));
        var wrapped = wrap.Wrap(contentKey, 0, contentKey.Length);
        CryptographicOperations.ZeroMemory(shared);
        CryptographicOperations.ZeroMemory(keyEncryptionKey);

        // The ephemeral key's curve is the recipient's: RFC 5753 §3.1.1 leaves its parameters out.
        var ephemeralInfo = Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(ephemeral.Public);
        var originator = new OriginatorIdentifierOrKey(new OriginatorPublicKey(new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey), ephemeralInfo.PublicKey));
        var id = certificate is null
            ? new KeyAgreeRecipientIdentifier(new RecipientKeyIdentifier(new DerOctetString(keyId), null, null))
            : new KeyAgreeRecipientIdentifier(new IssuerAndSerialNumber(certificate.Issuer, certificate.SerialNumber));
        return new RecipientInfo(new KeyAgreeRecipientInfo(originator, null, new AlgorithmIdentifier(EcdhSha256Kdf, Aes256Wrap),
            new DerSequence(new RecipientEncryptedKey(id, new DerOctetString(wrapped)))));
    }
}
