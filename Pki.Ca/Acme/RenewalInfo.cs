using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Acme.Jws;
using Pki.Ca.Storage;

namespace Pki.Ca.Acme;

/// <summary>
/// ACME Renewal Information (RFC 9773): a certificate's identifier is
/// <c>base64url(authority key identifier) "." base64url(serial number)</c>; its suggested renewal
/// window is the last third of its life but a sixth (from two thirds to five sixths of the
/// validity), or already past when it is revoked, so that the client renews now.
/// </summary>
internal static class RenewalInfo
{
    /// <summary>How long a client waits before asking again (RFC 9773 §4.3 Retry-After).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromHours(6);

    /// <summary>The serial number (hex, as stored) an identifier names, or null when it is not one.</summary>
    public static string? Serial(string certificateId) => Parse(certificateId)?.Serial;

    /// <summary>The identifier of a certificate (DER).</summary>
    public static string IdOf(byte[] certificate)
    {
        var parsed = X509CertificateStructure.GetInstance(certificate);
        var keyId = AuthorityKeyIdentifier.FromExtensions(parsed.TbsCertificate.Extensions)?.KeyIdentifier?.GetOctets() ?? [];
        return Base64Url.Encode(keyId) + "." + Base64Url.Encode(parsed.SerialNumber.Value.ToByteArray());
    }

    /// <summary>The window of the stored certificate an identifier names, or null when there is none or the identifier's key identifier is not its issuer's.</summary>
    public static AcmeRenewalInfo? WindowOf(string certificateId, CertificateRecord? certificate, DateTimeOffset now)
    {
        if (certificate is null || IdOf(certificate.Certificate) != certificateId)
        {
            return null;
        }

        if (certificate.RevokedAt is not null)
        {
            return new AcmeRenewalInfo(new AcmeRenewalWindow(now - TimeSpan.FromHours(1), now - TimeSpan.FromMinutes(1)), null);
        }

        var life = certificate.NotAfter - certificate.NotBefore;
        return new AcmeRenewalInfo(new AcmeRenewalWindow(certificate.NotBefore + life * 2 / 3, certificate.NotBefore + life * 5 / 6), null);
    }

    private static (byte[] KeyId, string Serial)? Parse(string certificateId)
    {
        var dot = certificateId.IndexOf('.', StringComparison.Ordinal);
        if (certificateId.Length > 200 || dot <= 0 || !Base64Url.TryDecode(certificateId[..dot], out var keyId) || !Base64Url.TryDecode(certificateId[(dot + 1)..], out var serial)
            || serial.Length is 0 or > 21)
        {
            return null;
        }

        // The serial's bytes are a DER INTEGER's content: positive, without superfluous leading zeros.
        try
        {
            var value = new DerInteger(serial).Value;
            return value.SignValue > 0 ? (keyId, Issuance.SerialNumbers.ToHex(value)) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
