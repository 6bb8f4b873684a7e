using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// A tls-server certificate of the platform's CA for 127.0.0.1, for a server the tests start beside
/// the platform (a reference provider, a sample application), written as PEM files.
/// </summary>
/// <param name="CertificateFile">The certificate and the issuing CAs below the root, as a TLS server sends them.</param>
/// <param name="KeyFile">Its PKCS#8 private key.</param>
/// <param name="CaFile">Every CA certificate of its chain, root included, for its clients to trust.</param>
internal sealed record LoopbackTlsCertificate(string CertificateFile, string KeyFile, string CaFile)
{
    public static async Task<LoopbackTlsCertificate> IssueAsync(PlatformServer server, TemporaryDirectory folder, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var issued = await server.IssueAsync(request.CreateSigningRequestPem(), "tls-server");
        var files = new LoopbackTlsCertificate(folder.File(name + ".pem"), folder.File(name + ".key"), folder.File(name + "-ca.pem"));
        await File.WriteAllTextAsync(files.CertificateFile, string.Join('\n', [issued.Certificate, .. issued.Chain.SkipLast(1)]));
        await File.WriteAllTextAsync(files.KeyFile, key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(files.CaFile, string.Join('\n', issued.Chain));
        return files;
    }
}
