using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Identity.Load;

/// <summary>
/// The certificates oidc-provider's run needs, made fresh for each run: a test CA, a server
/// certificate for 127.0.0.1 and the application's client certificate with the same subject DN
/// and kind of key (P-256) as on the platform. Written as PEM to a temporary directory the node
/// program reads; deleted on dispose.
/// </summary>
internal sealed class ReferencePki : IDisposable
{
    private ReferencePki(string directory, X509Certificate2 root, X509Certificate2 client)
    {
        Directory = directory;
        Root = root;
        Client = client;
    }

    public string Directory { get; }

    public X509Certificate2 Root { get; }

    /// <summary>The application's certificate with its private key.</summary>
    public X509Certificate2 Client { get; }

    public static ReferencePki Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("identity-load-reference-").FullName;
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Identity benchmark test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var root = caRequest.CreateSelfSigned(now, now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(root, now, now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest(Application.SubjectDn, clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var client = clientRequest.Create(root, now, now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        File.WriteAllText(Path.Combine(directory, "ca.pem"), root.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "client.pem"), client.ExportCertificatePem());
        using var clientWithKey = client.CopyWithPrivateKey(clientKey);
        return new ReferencePki(directory, root, X509CertificateLoader.LoadPkcs12(clientWithKey.Export(X509ContentType.Pkcs12), null));
    }

    public void Dispose()
    {
        Root.Dispose();
        Client.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
