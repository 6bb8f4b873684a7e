using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using System.Security.Cryptography;

namespace Platform.Cryptography;

/// <summary>Maps signature schemes to and from their X.509 AlgorithmIdentifiers.</summary>
public static class SignatureSchemes
{
    /// <summary>The AlgorithmIdentifier of <paramref name="scheme"/> as written into certificates.</summary>
    public static AlgorithmIdentifier AlgorithmIdentifier(this SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.RsaPkcs1Sha256 => new(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
        SignatureScheme.RsaPkcs1Sha384 => new(PkcsObjectIdentifiers.Sha384WithRsaEncryption, DerNull.Instance),
        SignatureScheme.RsaPkcs1Sha512 => new(PkcsObjectIdentifiers.Sha512WithRsaEncryption, DerNull.Instance),
        SignatureScheme.RsaPssSha256 => Pss(NistObjectIdentifiers.IdSha256, 32),
        SignatureScheme.RsaPssSha384 => Pss(NistObjectIdentifiers.IdSha384, 48),
        SignatureScheme.RsaPssSha512 => Pss(NistObjectIdentifiers.IdSha512, 64),
        SignatureScheme.EcdsaSha256 => new(X9ObjectIdentifiers.ECDsaWithSha256),
        SignatureScheme.EcdsaSha384 => new(X9ObjectIdentifiers.ECDsaWithSha384),
        SignatureScheme.Ed25519 => new(EdECObjectIdentifiers.id_Ed25519),
        SignatureScheme.Sm2Sm3 => new(GMObjectIdentifiers.sm2sign_with_sm3),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };

    /// <summary>
    /// Recognises an AlgorithmIdentifier from a CSR, certificate or protocol message. Only the
    /// parameter sets this platform produces are accepted for PSS.
    /// </summary>
    public static bool TryFromAlgorithmIdentifier(AlgorithmIdentifier identifier, out SignatureScheme scheme)
    {
        var oid = identifier.Algorithm;
        if (oid.Equals(PkcsObjectIdentifiers.IdRsassaPss))
        {
            return TryParsePss(identifier, out scheme);
        }

        SignatureScheme? found =
            oid.Equals(PkcsObjectIdentifiers.Sha256WithRsaEncryption) ? SignatureScheme.RsaPkcs1Sha256 :
            oid.Equals(PkcsObjectIdentifiers.Sha384WithRsaEncryption) ? SignatureScheme.RsaPkcs1Sha384 :
            oid.Equals(PkcsObjectIdentifiers.Sha512WithRsaEncryption) ? SignatureScheme.RsaPkcs1Sha512 :
            oid.Equals(X9ObjectIdentifiers.ECDsaWithSha256) ? SignatureScheme.EcdsaSha256 :
            oid.Equals(X9ObjectIdentifiers.ECDsaWithSha384) ? SignatureScheme.EcdsaSha384 :
            oid.Equals(EdECObjectIdentifiers.id_Ed25519) ? SignatureScheme.Ed25519 :
            oid.Equals(GMObjectIdentifiers.sm2sign_with_sm3) ? SignatureScheme.Sm2Sm3 :
            null;
        scheme = found.GetValueOrDefault();
        return found.HasValue;
    }

    /// <summary>The hash algorithm a scheme signs with, for RSA and ECDSA.</summary>
    public static HashAlgorithmName HashAlgorithm(this SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.RsaPkcs1Sha256 or SignatureScheme.RsaPssSha256 or SignatureScheme.EcdsaSha256 => HashAlgorithmName.SHA256,
        SignatureScheme.RsaPkcs1Sha384 or SignatureScheme.RsaPssSha384 or SignatureScheme.EcdsaSha384 => HashAlgorithmName.SHA384,
        SignatureScheme.RsaPkcs1Sha512 or SignatureScheme.RsaPssSha512 => HashAlgorithmName.SHA512,
        _ => default,
    };

    /// <summary>The RSA padding of an RSA scheme.</summary>
    public static RSASignaturePadding RsaPadding(this SignatureScheme scheme) =>
        scheme is >= SignatureScheme.RsaPssSha256 and <= SignatureScheme.RsaPssSha512
            ? RSASignaturePadding.Pss
            : RSASignaturePadding.Pkcs1;

    private static AlgorithmIdentifier Pss(DerObjectIdentifier hash, int saltLength)
    {
        var hashId = new AlgorithmIdentifier(hash, DerNull.Instance);
        var parameters = new RsassaPssParameters(
            hashId,
            new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, hashId),
            DerInteger.ValueOf(saltLength),
            RsassaPssParameters.DefaultTrailerField);
        return new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss, parameters);
    }

    private static bool TryParsePss(AlgorithmIdentifier identifier, out SignatureScheme scheme)
    {
        scheme = default;
        RsassaPssParameters parameters;
        try
        {
            // Absent parameters would mean SHA-1 defaults, which the platform never accepts.
            if (identifier.Parameters is null)
            {
                return false;
            }

            parameters = RsassaPssParameters.GetInstance(identifier.Parameters);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (parameters.SaltLength.Value.BitLength > 16)
        {
            return false;
        }

        var hash = parameters.HashAlgorithm.Algorithm;
        var mgfHash = AlgorithmIdentifierOf(parameters.MaskGenAlgorithm.Parameters)?.Algorithm;
        int salt = parameters.SaltLength.IntValueExact;
        (SignatureScheme Scheme, DerObjectIdentifier Hash, int Salt)[] known =
        [
            (SignatureScheme.RsaPssSha256, NistObjectIdentifiers.IdSha256, 32),
            (SignatureScheme.RsaPssSha384, NistObjectIdentifiers.IdSha384, 48),
            (SignatureScheme.RsaPssSha512, NistObjectIdentifiers.IdSha512, 64),
        ];
        foreach (var candidate in known)
        {
            if (hash.Equals(candidate.Hash) && candidate.Hash.Equals(mgfHash) && salt == candidate.Salt
                && parameters.MaskGenAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdMgf1))
            {
                scheme = candidate.Scheme;
                return true;
            }
        }

        return false;
    }

    private static AlgorithmIdentifier? AlgorithmIdentifierOf(Asn1Encodable? encodable)
    {
        try
        {
            return encodable is null ? null : Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier.GetInstance(encodable);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
