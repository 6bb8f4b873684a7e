using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace Platform.Cryptography;

/// <summary>Reads SubjectPublicKeyInfo structures from untrusted input.</summary>
public static class PublicKeys
{
    /// <summary>Describes the key in a DER SubjectPublicKeyInfo; null when it does not parse.</summary>
    public static PublicKeyDescription? Describe(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        if (subjectPublicKeyInfo.IsEmpty || !Der.DerGuard.IsWellFormed(subjectPublicKeyInfo))
        {
            return null;
        }

        try
        {
            return Describe(SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(subjectPublicKeyInfo.ToArray())));
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Describes the key in a parsed SubjectPublicKeyInfo.</summary>
    public static PublicKeyDescription Describe(SubjectPublicKeyInfo info)
    {
        var oid = info.Algorithm.Algorithm;
        if (oid.Equals(PkcsObjectIdentifiers.RsaEncryption))
        {
            var bits = RsaPublicKeyStructure.GetInstance(info.ParsePublicKey()).Modulus.BitLength;
            KeyAlgorithm? rsa = bits switch
            {
                2048 => KeyAlgorithm.Rsa2048,
                3072 => KeyAlgorithm.Rsa3072,
                4096 => KeyAlgorithm.Rsa4096,
                _ => null,
            };
            return new(rsa, $"RSA-{bits}");
        }

        if (oid.Equals(X9ObjectIdentifiers.IdECPublicKey))
        {
            if (info.Algorithm.Parameters is not DerObjectIdentifier curve)
            {
                return new(null, "EC with explicit or missing curve parameters");
            }

            if (curve.Equals(SecObjectIdentifiers.SecP256r1)) return new(KeyAlgorithm.EcdsaP256, "ECDSA-P256");
            if (curve.Equals(SecObjectIdentifiers.SecP384r1)) return new(KeyAlgorithm.EcdsaP384, "ECDSA-P384");
            if (curve.Equals(GMObjectIdentifiers.sm2p256v1)) return new(KeyAlgorithm.Sm2, "SM2");
            var name = ECNamedCurveTable.GetName(curve) ?? curve.Id;
            return new(null, $"EC {name}");
        }

        if (oid.Equals(EdECObjectIdentifiers.id_Ed25519))
        {
            return new(KeyAlgorithm.Ed25519, "Ed25519");
        }

        return new(null, $"key algorithm {oid.Id}");
    }
}
