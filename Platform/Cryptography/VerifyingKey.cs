using NSec.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using System.Security.Cryptography;

namespace Platform.Cryptography;

/// <summary>
/// A public key imported once, to verify many signatures: for a key that signs all the time (the
/// identity provider's token key, a responder's key), where importing the key again for every
/// signature would cost about as much as the verification. RSA and ECDSA use the operating
/// system's OpenSSL, Ed25519 libsodium through NSec, SM2 Bouncy Castle. ECDSA signatures are DER
/// (RFC 3279), as in certificates and CMS. Safe to use from many threads at once.
/// </summary>
public sealed class VerifyingKey : IDisposable
{
    private readonly SignatureScheme scheme;
    private readonly AsymmetricAlgorithm? openSsl;
    private readonly NSec.Cryptography.PublicKey? ed25519;
    private readonly ECPublicKeyParameters? sm2;

    private VerifyingKey(SignatureScheme scheme, AsymmetricAlgorithm? openSsl = null, NSec.Cryptography.PublicKey? ed25519 = null, ECPublicKeyParameters? sm2 = null)
    {
        this.scheme = scheme;
        this.openSsl = openSsl;
        this.ed25519 = ed25519;
        this.sm2 = sm2;
    }

    /// <summary>
    /// The key in <paramref name="subjectPublicKeyInfo"/> (DER), to verify <paramref name="scheme"/>
    /// signatures. Throws <see cref="CryptographicException"/> when it is not such a key.
    /// </summary>
    public static VerifyingKey Import(ReadOnlySpan<byte> subjectPublicKeyInfo, SignatureScheme scheme)
    {
        try
        {
            return scheme switch
            {
                >= SignatureScheme.RsaPkcs1Sha256 and <= SignatureScheme.RsaPssSha512 => new(scheme, openSsl: ImportRsa(subjectPublicKeyInfo)),
                SignatureScheme.EcdsaSha256 or SignatureScheme.EcdsaSha384 => new(scheme, openSsl: ImportEcdsa(subjectPublicKeyInfo)),
                SignatureScheme.Ed25519 => new(scheme, ed25519: ImportEd25519(subjectPublicKeyInfo)),
                SignatureScheme.Sm2Sm3 => new(scheme, sm2: ImportSm2(subjectPublicKeyInfo)),
                _ => throw new CryptographicException($"Signature scheme {scheme} is not supported."),
            };
        }
        catch (Exception e) when (IsHostileInput(e) && e is not CryptographicException)
        {
            throw new CryptographicException("The public key is malformed.", e);
        }
    }

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature of <paramref name="data"/> by
    /// this key. A malformed signature is simply invalid.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return openSsl switch
            {
                RSA rsa => rsa.VerifyData(data, signature, scheme.HashAlgorithm(), scheme.RsaPadding()),
                ECDsa ecdsa => ecdsa.VerifyData(data, signature, scheme.HashAlgorithm(), DSASignatureFormat.Rfc3279DerSequence),
                _ when ed25519 is not null => SignatureAlgorithm.Ed25519.Verify(ed25519, data, signature),
                _ => VerifySm2(data, signature),
            };
        }
        catch (Exception e) when (IsHostileInput(e))
        {
            return false;
        }
    }

    public void Dispose() => openSsl?.Dispose();

    /// <summary>What hostile keys, signatures or PSS parameters make the libraries throw.</summary>
    internal static bool IsHostileInput(Exception e) => e is CryptographicException or ArgumentException or FormatException
        or InvalidCastException or IOException or InvalidOperationException or CryptoException
        or PlatformNotSupportedException or SecurityUtilityException or NullReferenceException;

    private static RSA ImportRsa(ReadOnlySpan<byte> spki)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static ECDsa ImportEcdsa(ReadOnlySpan<byte> spki)
    {
        // Every CSR brings a new key, so the import is paid on every issuance: take the cheaper one where it applies.
        if (OpenSslEcPublicKeys.TryImport(spki) is { } fast)
        {
            return fast;
        }

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

    private static NSec.Cryptography.PublicKey ImportEd25519(ReadOnlySpan<byte> spki) =>
        NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, spki, KeyBlobFormat.PkixPublicKey, out var key) && key is not null
            ? key
            : throw new CryptographicException("The key is not an Ed25519 public key.");

    private static ECPublicKeyParameters ImportSm2(ReadOnlySpan<byte> spki)
    {
        var info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(spki.ToArray());
        return IsHybridPoint(info.PublicKey.GetOctets())
            ? throw new CryptographicException("Hybrid EC point encodings are not accepted.")
            : (ECPublicKeyParameters)PublicKeyFactory.CreateKey(info);
    }

    private bool VerifySm2(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(sm2!, Sm2.DefaultUserId));
        signer.BlockUpdate(data);
        return signer.VerifySignature(signature.ToArray());
    }

    /// <summary>
    /// RFC 5480 §2.2: EC public keys are uncompressed (or compressed); the hybrid forms 0x06 and
    /// 0x07 are not permitted. Refusing them also means one key has one accepted encoding.
    /// </summary>
    private static bool IsHybridPoint(byte[] point) => point.Length > 0 && point[0] is 0x06 or 0x07;
}
