using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Platform.Cryptography;

namespace Signatures.Cms;

/// <summary>
/// The algorithm identifiers of a CMS SignerInfo (RFC 5652 §5.3) for each signature scheme of the
/// platform, as written, and every spelling of them that other signers use, as read:
/// <c>rsaEncryption</c> with a digest (OpenSSL's RSA), <c>ecdsa-with-SHA*</c>, Ed25519 with SHA-512
/// (RFC 8419), and SM2 with SM3 both as <c>sm2sign-with-sm3</c> (1.2.156.10197.1.501, Bouncy Castle)
/// and as GM/T 0010's <c>sm2-1</c> signature (1.2.156.10197.1.301.1).
/// </summary>
internal static class CmsAlgorithms
{
    /// <summary>GM/T 0010's SM2 signature identifier (SM2-1, 1.2.156.10197.1.301.1).</summary>
    public static readonly DerObjectIdentifier Sm2Sign = GMObjectIdentifiers.sm2sign;

    /// <summary>The digestAlgorithm and signatureAlgorithm a SignerInfo of <paramref name="scheme"/> carries.</summary>
    public static (AlgorithmIdentifier Digest, AlgorithmIdentifier Signature) For(SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.Ed25519 => (Digest(NistObjectIdentifiers.IdSha512), scheme.AlgorithmIdentifier()),
        SignatureScheme.Sm2Sm3 => (new AlgorithmIdentifier(GMObjectIdentifiers.sm3), scheme.AlgorithmIdentifier()),
        _ => (Digest(DigestOf(scheme.HashAlgorithm())), scheme.AlgorithmIdentifier()),
    };

    /// <summary>
    /// The platform scheme a SignerInfo's <paramref name="digest"/> and <paramref name="signature"/>
    /// identifiers name, or false when they name none or contradict each other (a digest other than
    /// the one the signature algorithm fixes).
    /// </summary>
    public static bool TryScheme(AlgorithmIdentifier digest, AlgorithmIdentifier signature, out SignatureScheme scheme)
    {
        var oid = signature.Algorithm;
        var hash = digest.Algorithm;
        SignatureScheme? found = null;
        if (oid.Equals(PkcsObjectIdentifiers.RsaEncryption))
        {
            found = hash.Equals(NistObjectIdentifiers.IdSha256) ? SignatureScheme.RsaPkcs1Sha256
                : hash.Equals(NistObjectIdentifiers.IdSha384) ? SignatureScheme.RsaPkcs1Sha384
                : hash.Equals(NistObjectIdentifiers.IdSha512) ? SignatureScheme.RsaPkcs1Sha512
                : null;
        }
        else if (oid.Equals(X9ObjectIdentifiers.IdECPublicKey))
        {
            found = hash.Equals(NistObjectIdentifiers.IdSha256) ? SignatureScheme.EcdsaSha256
                : hash.Equals(NistObjectIdentifiers.IdSha384) ? SignatureScheme.EcdsaSha384
                : null;
        }
        else if (oid.Equals(Sm2Sign) || oid.Equals(GMObjectIdentifiers.sm2sign_with_sm3))
        {
            found = hash.Equals(GMObjectIdentifiers.sm3) ? SignatureScheme.Sm2Sm3 : null;
        }
        else if (SignatureSchemes.TryFromAlgorithmIdentifier(signature, out var named))
        {
            var expected = For(named).Digest.Algorithm;
            found = hash.Equals(expected) ? named : null;
        }

        scheme = found.GetValueOrDefault();
        return found.HasValue;
    }

    /// <summary>A new digest of <paramref name="algorithm"/> (SHA-2 or SM3); throws for any other.</summary>
    public static IDigest Digester(DerObjectIdentifier algorithm) =>
        algorithm.Equals(NistObjectIdentifiers.IdSha256) || algorithm.Equals(NistObjectIdentifiers.IdSha384)
        || algorithm.Equals(NistObjectIdentifiers.IdSha512) || algorithm.Equals(GMObjectIdentifiers.sm3)
            ? DigestUtilities.GetDigest(algorithm)
            : throw new ArgumentException($"The digest algorithm {algorithm} is not accepted.", nameof(algorithm));

    /// <summary>The digest of <paramref name="data"/> under <paramref name="algorithm"/>.</summary>
    public static byte[] Hash(DerObjectIdentifier algorithm, ReadOnlySpan<byte> data)
    {
        var digest = Digester(algorithm);
        digest.BlockUpdate(data);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }

    private static AlgorithmIdentifier Digest(DerObjectIdentifier oid) => new(oid);

    private static DerObjectIdentifier DigestOf(System.Security.Cryptography.HashAlgorithmName name) =>
        name == System.Security.Cryptography.HashAlgorithmName.SHA384 ? NistObjectIdentifiers.IdSha384
        : name == System.Security.Cryptography.HashAlgorithmName.SHA512 ? NistObjectIdentifiers.IdSha512
        : NistObjectIdentifiers.IdSha256;
}
