using Server.Tests.Hosting;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Server.Tests.Audit;

/// <summary>Client certificates for audit tests: an officer's issued by the platform, and a stranger's.</summary>
internal static class AuditorCertificates
{
    public static async Task<X509Certificate2> IssueAsync(PlatformServer server, string subject = "CN=Audit Officer,O=City")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await server.IssueAsync(csr, "auditor");
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate);
        return Exportable(certificate.CopyWithPrivateKey(key));
    }

    public static X509Certificate2 Foreign(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return Exportable(certificate);
    }

    // TLS on Linux wants a certificate whose key it can use outside this ephemeral object.
    private static X509Certificate2 Exportable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
