using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using System.Security.Cryptography;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// Reads the certificates and CRLs carried between the machine of an offline root and the
/// server, and checks who signed them with the platform's one verifier (SM2 included). Anything
/// malformed is a <see cref="CeremonyException"/> naming the file's role, never a crash.
/// </summary>
internal static class CeremonyFiles
{
    /// <summary>The first certificate of a PEM (or DER) file's content.</summary>
    public static X509Certificate Certificate(byte[] content, string role)
    {
        try
        {
            return new X509Certificate(Der(content, "CERTIFICATE"));
        }
        catch (Exception e) when (e is ArgumentException or IOException or GeneralSecurityException or InvalidOperationException
            or InvalidCastException or FormatException or CryptographicException)
        {
            throw new CeremonyException($"The {role} is not an X.509 certificate ({e.Message}).");
        }
    }

    /// <summary>Every certificate of a PEM file's content, in order.</summary>
    public static IReadOnlyList<X509Certificate> Certificates(byte[] content, string role)
    {
        var text = System.Text.Encoding.ASCII.GetString(content);
        try
        {
            return [.. PemRanges(text).Where(r => text.AsSpan(r.Label).SequenceEqual("CERTIFICATE"))
                .Select(r => new X509Certificate(Convert.FromBase64String(text[r.Base64Data])))];
        }
        catch (Exception e) when (e is ArgumentException or IOException or GeneralSecurityException or InvalidOperationException
            or InvalidCastException or FormatException or CryptographicException)
        {
            throw new CeremonyException($"The {role} are not X.509 certificates ({e.Message}).");
        }
    }

    /// <summary>A CRL, DER as <c>pki crl sign</c> writes it, or PEM (<c>X509 CRL</c>).</summary>
    public static X509Crl Crl(byte[] content, string role)
    {
        try
        {
            return new X509Crl(CertificateList.GetInstance(Asn1Object.FromByteArray(Der(content, "X509 CRL"))));
        }
        catch (Exception e) when (e is ArgumentException or IOException or GeneralSecurityException or InvalidOperationException
            or InvalidCastException or FormatException or CryptographicException)
        {
            throw new CeremonyException($"The {role} is not a CRL ({e.Message}).");
        }
    }

    /// <summary>Whether the key in <paramref name="subjectPublicKeyInfo"/> signed <paramref name="certificate"/>.</summary>
    public static bool IsSignedBy(X509Certificate certificate, ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        IsSignedBy(certificate.CertificateStructure.SignatureAlgorithm, certificate.GetTbsCertificate(), certificate.GetSignature(), subjectPublicKeyInfo);

    /// <summary>Whether the key in <paramref name="subjectPublicKeyInfo"/> signed <paramref name="crl"/>.</summary>
    public static bool IsSignedBy(X509Crl crl, ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        IsSignedBy(crl.CertificateList.SignatureAlgorithm, crl.GetTbsCertList(), crl.GetSignature(), subjectPublicKeyInfo);

    private static bool IsSignedBy(AlgorithmIdentifier algorithm, byte[] signed, byte[] signature, ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        SignatureSchemes.TryFromAlgorithmIdentifier(algorithm, out var scheme)
        && SignatureVerifier.Verify(subjectPublicKeyInfo, scheme, signed, signature);

    private static byte[] Der(byte[] content, string label)
    {
        var text = System.Text.Encoding.ASCII.GetString(content);
        foreach (var range in PemRanges(text))
        {
            if (text.AsSpan(range.Label).SequenceEqual(label))
            {
                return Convert.FromBase64String(text[range.Base64Data]);
            }
        }

        return content.Length > 0 && content[0] == 0x30 ? content
            : throw new FormatException($"neither DER nor PEM with a '{label}' block");
    }

    private static IEnumerable<PemFields> PemRanges(string text)
    {
        var offset = 0;
        while (offset < text.Length && PemEncoding.TryFind(text.AsSpan(offset), out var fields))
        {
            yield return new PemFields(Shift(fields.Label, offset), Shift(fields.Base64Data, offset));
            offset += fields.Location.End.Value;
        }
    }

    private static Range Shift(Range range, int offset) => new(range.Start.Value + offset, range.End.Value + offset);

    private readonly record struct PemFields(Range Label, Range Base64Data);
}
