using NSec.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using System.Security.Cryptography;

namespace Platform.Cryptography;

/// <summary>
/// Verifies signatures by any key the platform supports. RSA and ECDSA use the operating
/// system's OpenSSL (fast), Ed25519 uses libsodium through NSec, SM2 uses Bouncy Castle.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>
    /// True when the key in <paramref name="issuerSubjectPublicKeyInfo"/> (DER) signed
    /// <paramref name="certificate"/>, under the signature algorithm the certificate names.
    /// </summary>
    public static bool SignedCertificate(ReadOnlySpan<byte> issuerSubjectPublicKeyInfo, Org.BouncyCastle.X509.X509Certificate certificate) =>
        SignatureSchemes.TryFromAlgorithmIdentifier(certificate.CertificateStructure.SignatureAlgorithm, out var scheme)
        && Verify(issuerSubjectPublicKeyInfo, scheme, certificate.GetTbsCertificate(), certificate.GetSignature());

    /// <summary>
    /// True when <paramref name="signature"/> is a valid <paramref name="scheme"/> signature of
    /// <paramref name="data"/> by the key in <paramref name="subjectPublicKeyInfo"/>. Malformed
    /// keys or signatures are simply invalid.
    /// </summary>
    public static bool Verify(
        ReadOnlySpan<byte> subjectPublicKeyInfo, SignatureScheme scheme, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return scheme switch
            {
                >= SignatureScheme.RsaPkcs1Sha256 and <= SignatureScheme.RsaPssSha512 => VerifyRsa(subjectPublicKeyInfo, scheme, data, signature),
                SignatureScheme.EcdsaSha256 or SignatureScheme.EcdsaSha384 => VerifyEcdsa(subjectPublicKeyInfo, scheme, data, signature),
                SignatureScheme.Ed25519 => VerifyEd25519(subjectPublicKeyInfo, data, signature),
                SignatureScheme.Sm2Sm3 => VerifySm2(subjectPublicKeyInfo, data, signature),
                _ => false,
            };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException
            or InvalidCastException or IOException or InvalidOperationException or CryptoException
            or PlatformNotSupportedException or SecurityUtilityException or NullReferenceException)
        {
            return false;
        }
    }

    private static bool VerifyRsa(ReadOnlySpan<byte> spki, SignatureScheme scheme, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(spki, out _);
        return rsa.VerifyData(data, signature, scheme.HashAlgorithm(), scheme.RsaPadding());
    }

    private static bool VerifyEcdsa(ReadOnlySpan<byte> spki, SignatureScheme scheme, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        // Every CSR brings a new key, so the import is paid on every issuance: take the cheaper one where it applies.
        using var ecdsa = OpenSslEcPublicKeys.TryImport(spki) ?? ImportEcdsa(spki);
        return ecdsa.VerifyData(data, signature, scheme.HashAlgorithm(), DSASignatureFormat.Rfc3279DerSequence);
    }

    private static ECDsa ImportEcdsa(ReadOnlySpan<byte> spki)
    {
        if (IsHybridPoint(Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(spki.ToArray()).PublicKey.GetOctets()))
        {
            throw new CryptographicException("Hybrid EC point encodings are not accepted.");
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static bool VerifyEd25519(ReadOnlySpan<byte> spki, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var algorithm = NSec.Cryptography.SignatureAlgorithm.Ed25519;
        if (!NSec.Cryptography.PublicKey.TryImport(algorithm, spki, KeyBlobFormat.PkixPublicKey, out var key) || key is null)
        {
            return false;
        }

        return algorithm.Verify(key, data, signature);
    }

    private static bool VerifySm2(ReadOnlySpan<byte> spki, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(spki.ToArray());
        if (IsHybridPoint(info.PublicKey.GetOctets()))
        {
            return false;
        }

        var key = (ECPublicKeyParameters)PublicKeyFactory.CreateKey(info);
        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(key, Sm2.DefaultUserId));
        signer.BlockUpdate(data);
        return signer.VerifySignature(signature.ToArray());
    }

    /// <summary>
    /// RFC 5480 §2.2: EC public keys are uncompressed (or compressed); the hybrid forms 0x06 and
    /// 0x07 are not permitted. Refusing them also means one key has one accepted encoding.
    /// </summary>
    private static bool IsHybridPoint(byte[] point) => point.Length > 0 && point[0] is 0x06 or 0x07;
}
