using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Server.Tests.Acme;

/// <summary>
/// The HTTPS identity of a test ACME server: a throwaway root and a certificate for localhost and
/// 127.0.0.1 under it. Pebble ships none, and clients must authenticate it: certbot trusts the
/// root through REQUESTS_CA_BUNDLE, lego through LEGO_CA_CERTIFICATES.
/// </summary>
public sealed record ThrowawayTlsCertificates(string RootFile, string CertificateFile, string KeyFile)
{
    /// <summary>Writes root.pem, tls.pem and tls.key (PKCS#8) into <paramref name="directory"/>.</summary>
    public static ThrowawayTlsCertificates Write(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=ACME test TLS root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var certificate = request.Create(root, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var files = new ThrowawayTlsCertificates(Path.Combine(directory, "tls-root.pem"), Path.Combine(directory, "tls.pem"), Path.Combine(directory, "tls.key"));
        File.WriteAllText(files.RootFile, root.ExportCertificatePem());
        File.WriteAllText(files.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(files.KeyFile, key.ExportPkcs8PrivateKeyPem());
        return files;
    }
}
