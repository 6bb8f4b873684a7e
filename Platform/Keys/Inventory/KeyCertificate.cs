using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Platform.Keys.Inventory;

/// <summary>A certificate that carries a key, as the inventory shows it.</summary>
/// <param name="SerialNumber">Lowercase hex.</param>
/// <param name="Subject">Its subject DN; null when the certificate itself could not be found.</param>
/// <param name="NotAfter">The end of its validity; null when the certificate itself could not be found.</param>
public sealed record KeyCertificate(string SerialNumber, string? Subject, DateTimeOffset? NotAfter)
{
    /// <summary>A certificate known only by its serial number (no longer current, or not found).</summary>
    public static KeyCertificate Unavailable(string serialNumber) => new(serialNumber, null, null);

    /// <summary>Reads the serial, subject and validity end of a DER certificate (any algorithm, SM2 included).</summary>
    public static KeyCertificate FromDer(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        try
        {
            var certificate = new X509Certificate(der);
            return new KeyCertificate(certificate.SerialNumber.ToString(16), certificate.SubjectDN.ToString(),
                new DateTimeOffset(DateTime.SpecifyKind(certificate.NotAfter, DateTimeKind.Utc)));
        }
        catch (Exception e) when (e is ArgumentException or IOException or GeneralSecurityException or InvalidOperationException or InvalidCastException)
        {
            throw new InvalidOperationException("A stored certificate is not a readable X.509 certificate.", e);
        }
    }
}
