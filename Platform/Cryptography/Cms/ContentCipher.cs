using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

namespace Platform.Cryptography.Cms;

/// <summary>
/// The content encryption of CMS envelopes: AES-GCM (RFC 5084, a 12-byte nonce and a 16-byte tag
/// written; tags of 12 to 16 bytes read), AES-CBC (RFC 3565) and SM4-CBC, all under a fresh
/// content key whose IV or nonce is the AlgorithmIdentifier's parameters.
/// </summary>
internal static class ContentCipher
{
    private const int GcmNonceBytes = 12;
    private const int GcmTagBytes = 16;

    /// <summary>The length in bytes of <paramref name="encryption"/>'s content key.</summary>
    public static int KeyBytes(CmsContentEncryption encryption) => encryption == CmsContentEncryption.Sm4Cbc ? 16 : 32;

    /// <summary><paramref name="content"/> encrypted under <paramref name="key"/>: the algorithm with its parameters, the ciphertext, and for GCM the tag.</summary>
    public static (AlgorithmIdentifier Algorithm, byte[] Ciphertext, byte[]? Tag) Encrypt(CmsContentEncryption encryption, byte[] key, ReadOnlySpan<byte> content)
    {
        switch (encryption)
        {
            case CmsContentEncryption.Aes256Gcm:
            {
                var nonce = RandomNumberGenerator.GetBytes(GcmNonceBytes);
                var ciphertext = new byte[content.Length];
                var tag = new byte[GcmTagBytes];
                using var gcm = new AesGcm(key, GcmTagBytes);
                // No authenticated attributes are written, so the additional data is empty (RFC 5083 §2.2).
                gcm.Encrypt(nonce, content, ciphertext, tag);
                return (new AlgorithmIdentifier(NistObjectIdentifiers.IdAes256Gcm, new GcmParameters(nonce, GcmTagBytes)), ciphertext, tag);
            }

            case CmsContentEncryption.Aes256Cbc:
            {
                var iv = RandomNumberGenerator.GetBytes(16);
                using var aes = Aes.Create();
                aes.Key = key;
                return (new AlgorithmIdentifier(NistObjectIdentifiers.IdAes256Cbc, new DerOctetString(iv)), aes.EncryptCbc(content, iv, PaddingMode.PKCS7), null);
            }

            case CmsContentEncryption.Sm4Cbc:
            {
                var iv = RandomNumberGenerator.GetBytes(16);
                return (new AlgorithmIdentifier(CmsOids.Sm4Cbc, new DerOctetString(iv)), Sm4Cbc(true, key, iv, content.ToArray())!, null);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(encryption), encryption, null);
        }
    }

    /// <summary>
    /// What the content key of <paramref name="algorithm"/> must be and whether it is authenticated;
    /// an error for an algorithm (or parameters) not read here.
    /// </summary>
    public static (int KeyBytes, bool Authenticated, CmsEnvelopeError? Error) Describe(AlgorithmIdentifier algorithm)
    {
        var oid = algorithm.Algorithm;
        var (keyBytes, authenticated) =
            oid.Equals(NistObjectIdentifiers.IdAes128Cbc) ? (16, false)
            : oid.Equals(NistObjectIdentifiers.IdAes192Cbc) ? (24, false)
            : oid.Equals(NistObjectIdentifiers.IdAes256Cbc) ? (32, false)
            : oid.Equals(NistObjectIdentifiers.IdAes128Gcm) ? (16, true)
            : oid.Equals(NistObjectIdentifiers.IdAes192Gcm) ? (24, true)
            : oid.Equals(NistObjectIdentifiers.IdAes256Gcm) ? (32, true)
            : oid.Equals(CmsOids.Sm4Cbc) ? (16, false)
            : (0, false);
        return keyBytes == 0
            ? (0, false, new(CmsEnvelopeErrorKind.AlgorithmUnsupported,
                $"The content is encrypted with {oid.Id}; the platform opens AES-GCM, AES-CBC and SM4-CBC ({CmsOids.Sm4Cbc.Id})."))
            : (keyBytes, authenticated, null);
    }

    /// <summary>
    /// The content, or null when <paramref name="key"/> does not open it: a tag that does not verify,
    /// a padding that is wrong, parameters that do not parse (the caller checked the algorithm with <see cref="Describe"/>).
    /// </summary>
    public static byte[]? Decrypt(AlgorithmIdentifier algorithm, byte[] key, byte[] ciphertext, byte[]? tag, byte[] additionalData)
    {
        try
        {
            var oid = algorithm.Algorithm;
            if (oid.Equals(NistObjectIdentifiers.IdAes128Gcm) || oid.Equals(NistObjectIdentifiers.IdAes192Gcm) || oid.Equals(NistObjectIdentifiers.IdAes256Gcm))
            {
                var parameters = GcmParameters.GetInstance(algorithm.Parameters);
                var nonce = parameters.GetNonce();
                if (tag is null || tag.Length != parameters.IcvLen || tag.Length is < 12 or > 16 || nonce.Length == 0)
                {
                    return null;
                }

                var content = new byte[ciphertext.Length];
                using var gcm = new AesGcm(key, tag.Length);
                gcm.Decrypt(nonce, ciphertext, tag, content, additionalData);
                return content;
            }

            var iv = Asn1OctetString.GetInstance(algorithm.Parameters).GetOctets();
            if (iv.Length != 16 || ciphertext.Length == 0 || ciphertext.Length % 16 != 0)
            {
                return null;
            }

            if (oid.Equals(CmsOids.Sm4Cbc))
            {
                return Sm4Cbc(false, key, iv, ciphertext);
            }

            using var aes = Aes.Create();
            aes.Key = key;
            return aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidCastException)
        {
            return null;
        }
    }

    private static byte[]? Sm4Cbc(bool encrypt, byte[] key, byte[] iv, byte[] input)
    {
        var cipher = new PaddedBufferedBlockCipher(new CbcBlockCipher(new SM4Engine()), new Pkcs7Padding());
        cipher.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        try
        {
            return cipher.DoFinal(input);
        }
        catch (InvalidCipherTextException)
        {
            return null;
        }
    }
}
