using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Signatures.Validation.Chains;

/// <summary>
/// Signatures over certificates, CRLs and OCSP responses that verified already: the same CA
/// certificates and revocation data come back in report after report, and a SHA-256 of the key,
/// the signed bytes and the signature is far cheaper than verifying them again. Only successes are
/// kept, so a forgery is verified (and refused) every time. Bounded: emptied when full.
/// </summary>
internal sealed class VerifiedSignatures
{
    private const int Capacity = 8192;
    private readonly ConcurrentDictionary<string, byte> verified = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="signature"/> over <paramref name="signed"/> verifies with the key in <paramref name="subjectPublicKeyInfo"/> under <paramref name="algorithm"/>.</summary>
    public bool Verify(byte[] subjectPublicKeyInfo, AlgorithmIdentifier algorithm, byte[] signed, byte[] signature)
    {
        if (!SignatureSchemes.TryFromAlgorithmIdentifier(algorithm, out var scheme))
        {
            return false;
        }

        var key = Key(subjectPublicKeyInfo, signed, signature, scheme);
        if (verified.ContainsKey(key))
        {
            return true;
        }

        if (!SignatureVerifier.Verify(subjectPublicKeyInfo, scheme, signed, signature))
        {
            return false;
        }

        if (verified.Count >= Capacity)
        {
            verified.Clear();
        }

        verified.TryAdd(key, 0);
        return true;
    }

    private static string Key(byte[] spki, byte[] signed, byte[] signature, SignatureScheme scheme)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> lengths = stackalloc byte[12];
        BitConverter.TryWriteBytes(lengths, spki.Length);
        BitConverter.TryWriteBytes(lengths[4..], signed.Length);
        BitConverter.TryWriteBytes(lengths[8..], (int)scheme);
        hash.AppendData(lengths);
        hash.AppendData(spki);
        hash.AppendData(signed);
        hash.AppendData(signature);
        return Convert.ToBase64String(hash.GetHashAndReset());
    }
}
