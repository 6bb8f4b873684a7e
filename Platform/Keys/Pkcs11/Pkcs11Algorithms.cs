using Net.Pkcs11Interop.Common;
using Platform.Cryptography;
using System.Formats.Asn1;

namespace Platform.Keys.Pkcs11;

/// <summary>
/// How each <see cref="KeyAlgorithm"/> maps onto PKCS#11: the key-pair generation mechanism,
/// the curve or modulus, and the signing mechanism of each scheme. ECDSA signs with the raw
/// <c>CKM_ECDSA</c> over a hash computed here, because SoftHSM2 and many HSMs lack the combined
/// <c>CKM_ECDSA_SHA256</c>; RSA and Ed25519 use the token's own hashing mechanisms.
/// </summary>
internal static class Pkcs11Algorithms
{
    /// <summary><c>CKK_EC_EDWARDS</c> (PKCS#11 3.0), which Pkcs11Interop 5 does not name.</summary>
    public const CKK EdwardsKeyType = (CKK)0x40;

    /// <summary><c>CKM_EC_EDWARDS_KEY_PAIR_GEN</c> (PKCS#11 3.0).</summary>
    public const CKM EdwardsKeyPairGen = (CKM)0x1055;

    /// <summary><c>CKM_EDDSA</c> (PKCS#11 3.0).</summary>
    public const CKM EdDsa = (CKM)0x1057;

    public const string P256 = "1.2.840.10045.3.1.7";
    public const string P384 = "1.3.132.0.34";
    public const string Ed25519Oid = "1.3.101.112";
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string RsaEncryption = "1.2.840.113549.1.1.1";

    /// <summary>The mechanism that generates a key pair of <paramref name="algorithm"/>, or null when PKCS#11 has no standard one.</summary>
    public static CKM? KeyPairGeneration(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096 => CKM.CKM_RSA_PKCS_KEY_PAIR_GEN,
        KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 => CKM.CKM_EC_KEY_PAIR_GEN,
        KeyAlgorithm.Ed25519 => EdwardsKeyPairGen,
        _ => null,
    };

    /// <summary>The mechanism that signs with <paramref name="scheme"/>.</summary>
    public static CKM SigningMechanism(SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.RsaPkcs1Sha256 => CKM.CKM_SHA256_RSA_PKCS,
        SignatureScheme.RsaPkcs1Sha384 => CKM.CKM_SHA384_RSA_PKCS,
        SignatureScheme.RsaPkcs1Sha512 => CKM.CKM_SHA512_RSA_PKCS,
        SignatureScheme.RsaPssSha256 => CKM.CKM_SHA256_RSA_PKCS_PSS,
        SignatureScheme.RsaPssSha384 => CKM.CKM_SHA384_RSA_PKCS_PSS,
        SignatureScheme.RsaPssSha512 => CKM.CKM_SHA512_RSA_PKCS_PSS,
        SignatureScheme.EcdsaSha256 or SignatureScheme.EcdsaSha384 => CKM.CKM_ECDSA,
        SignatureScheme.Ed25519 => EdDsa,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };

    /// <summary>The RSA modulus length of an RSA algorithm.</summary>
    public static ulong ModulusBits(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => 2048,
        KeyAlgorithm.Rsa3072 => 3072,
        KeyAlgorithm.Rsa4096 => 4096,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The RSA algorithm of a modulus length, or null for a length the platform does not use.</summary>
    public static KeyAlgorithm? RsaOfBits(int bits) => bits switch
    {
        2048 => KeyAlgorithm.Rsa2048,
        3072 => KeyAlgorithm.Rsa3072,
        4096 => KeyAlgorithm.Rsa4096,
        _ => null,
    };

    /// <summary><c>CKA_EC_PARAMS</c> for an elliptic-curve algorithm: the DER of the curve's OID.</summary>
    public static byte[] EcParameters(KeyAlgorithm algorithm) => Oid(algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => P256,
        KeyAlgorithm.EcdsaP384 => P384,
        KeyAlgorithm.Ed25519 => Ed25519Oid,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    });

    /// <summary>The curve OID in <c>CKA_EC_PARAMS</c>, or null when it is not a DER OID.</summary>
    public static string? CurveOf(byte[] ecParameters)
    {
        try
        {
            return new AsnReader(ecParameters, AsnEncodingRules.DER).ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>The SubjectPublicKeyInfo of an EC or Edwards public key from its <c>CKA_EC_POINT</c>.</summary>
    public static byte[] EcSubjectPublicKeyInfo(string curveOid, byte[] ecPoint)
    {
        var point = Unwrap(curveOid, ecPoint);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                if (curveOid == Ed25519Oid)
                {
                    writer.WriteObjectIdentifier(Ed25519Oid);
                }
                else
                {
                    writer.WriteObjectIdentifier(EcPublicKey);
                    writer.WriteObjectIdentifier(curveOid);
                }
            }

            writer.WriteBitString(point);
        }

        return writer.Encode();
    }

    /// <summary>The SubjectPublicKeyInfo of an RSA public key.</summary>
    public static byte[] RsaSubjectPublicKeyInfo(byte[] modulus, byte[] exponent)
    {
        var key = new AsnWriter(AsnEncodingRules.DER);
        using (key.PushSequence())
        {
            key.WriteIntegerUnsigned(modulus);
            key.WriteIntegerUnsigned(exponent);
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(RsaEncryption);
                writer.WriteNull();
            }

            writer.WriteBitString(key.Encode());
        }

        return writer.Encode();
    }

    /// <summary>
    /// Turns <c>CKM_ECDSA</c>'s output, r ‖ s as two equal halves, into the DER
    /// <c>SEQUENCE { r INTEGER, s INTEGER }</c> X.509 and CMS carry.
    /// </summary>
    public static byte[] EcdsaToDer(byte[] raw)
    {
        if (raw.Length == 0 || raw.Length % 2 != 0)
        {
            throw new KeyStoreUnavailableException($"The token returned an ECDSA signature of {raw.Length} bytes, not r ‖ s.");
        }

        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(raw.AsSpan(0, half)));
            writer.WriteIntegerUnsigned(Minimal(raw.AsSpan(half)));
        }

        return writer.Encode();
    }

    /// <summary>r and s are fixed-width halves; DER wants them without leading zero bytes (one 1-in-256 signature has them).</summary>
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }

    /// <summary>
    /// <c>CKA_EC_POINT</c> is specified as a DER OCTET STRING, but some tokens return the bare
    /// point; both are accepted, told apart by the point's known length.
    /// </summary>
    private static byte[] Unwrap(string curveOid, byte[] ecPoint)
    {
        var length = curveOid switch
        {
            P256 => 65,
            P384 => 97,
            Ed25519Oid => 32,
            _ => throw new KeyStoreUnavailableException($"The token holds a key on curve {curveOid}, which the platform does not use."),
        };
        if (ecPoint.Length == length)
        {
            return ecPoint;
        }

        try
        {
            var reader = new AsnReader(ecPoint, AsnEncodingRules.DER);
            var inner = reader.ReadOctetString();
            if (!reader.HasData && inner.Length == length)
            {
                return inner;
            }
        }
        catch (AsnContentException)
        {
        }

        throw new KeyStoreUnavailableException($"The token returned a public point of {ecPoint.Length} bytes for curve {curveOid}.");
    }
}
