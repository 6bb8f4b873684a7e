using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace Platform.Cryptography.Cms;

/// <summary>
/// Key transport to RSA by RSAES-OAEP (RFC 8017, RFC 4055, RFC 3560): written with SHA-256 and
/// MGF1-SHA-256; read with SHA-1, SHA-256, SHA-384 or SHA-512 (MGF1 of the same digest, no label).
/// RSAES-PKCS1-v1_5, OpenSSL's default, is refused: answering whether its padding decrypts is the
/// oracle of Bleichenbacher's attack, and this platform decrypts on request.
/// </summary>
internal static class RsaOaepKeyTransport
{
    public static RecipientInfo Write(byte[] contentKey, CmsRecipient recipient)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(recipient.PublicKey.GetDerEncoded(), out _);
        var wrapped = rsa.Encrypt(contentKey, RSAEncryptionPadding.OaepSHA256);
        var sha256 = new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance);
        var oaep = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsaesOaep, new RsaesOaepParameters(
            sha256, new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, sha256), RsaesOaepParameters.DefaultPSourceAlgorithm));
        return new RecipientInfo(new KeyTransRecipientInfo(RecipientIds.ForKeyTransport(recipient), oaep, new DerOctetString(wrapped)));
    }

    public static (byte[]? ContentKey, CmsEnvelopeError? Error) Unwrap(KeyTransRecipientInfo info, RSA key)
    {
        var algorithm = info.KeyEncryptionAlgorithm;
        if (algorithm.Algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption))
        {
            return (null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported,
                "The content key is RSA-encrypted with PKCS #1 v1.5 padding, which the platform does not decrypt; encrypt with RSAES-OAEP (openssl cms -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256)."));
        }

        if (!algorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdRsaesOaep))
        {
            return (null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported, $"An RSA recipient's content key is encrypted with {algorithm.Algorithm.Id}, not RSAES-OAEP."));
        }

        if (Padding(algorithm.Parameters) is not { } padding)
        {
            return (null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported,
                "The RSAES-OAEP parameters are not SHA-1, SHA-256, SHA-384 or SHA-512 with MGF1 of the same digest and an empty label."));
        }

        try
        {
            return (key.Decrypt(info.EncryptedKey.GetOctets(), padding), null);
        }
        catch (CryptographicException)
        {
            return (null, Undecryptable);
        }
    }

    private static CmsEnvelopeError Undecryptable => new(CmsEnvelopeErrorKind.Undecryptable, "The recipient's key does not decrypt the content key.");

    private static RSAEncryptionPadding? Padding(Asn1Encodable? parameters)
    {
        try
        {
            // Absent parameters are not RFC 4055's, but their meaning (all defaults) is unambiguous.
            var oaep = parameters is null or DerNull ? new RsaesOaepParameters() : RsaesOaepParameters.GetInstance(parameters);
            var hash = oaep.HashAlgorithm.Algorithm;
            if (!oaep.MaskGenAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdMgf1)
                || !AlgorithmIdentifier.GetInstance(oaep.MaskGenAlgorithm.Parameters).Algorithm.Equals(hash)
                || !oaep.PSourceAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdPSpecified)
                || Asn1OctetString.GetInstance(oaep.PSourceAlgorithm.Parameters).GetOctets().Length != 0)
            {
                return null;
            }

            return hash.Equals(OiwObjectIdentifiers.IdSha1) ? RSAEncryptionPadding.OaepSHA1
                : hash.Equals(NistObjectIdentifiers.IdSha256) ? RSAEncryptionPadding.OaepSHA256
                : hash.Equals(NistObjectIdentifiers.IdSha384) ? RSAEncryptionPadding.OaepSHA384
                : hash.Equals(NistObjectIdentifiers.IdSha512) ? RSAEncryptionPadding.OaepSHA512
                : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or NullReferenceException)
        {
            return null;
        }
    }
}
