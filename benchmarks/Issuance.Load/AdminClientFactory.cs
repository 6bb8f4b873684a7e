using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Issuance.Load;

/// <summary>
/// HTTPS clients that present the bootstrap administrator's certificate and trust only the
/// platform's own root. Each client owns one handler limited to one connection, so N clients
/// are exactly N keep-alive connections and none is ever re-established during the run.
/// </summary>
internal sealed class AdminClientFactory(string dataDirectory, Uri https, bool http2) : IDisposable
{
    private readonly X509Certificate2 clientCertificate = X509Certificate2.CreateFromPemFile(
        Path.Combine(dataDirectory, "admin.pem"), Path.Combine(dataDirectory, "admin.key"));

    private readonly X509Certificate2 root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dataDirectory, "root-ca.pem"));

    private readonly X509Certificate2 issuing = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dataDirectory, "issuing-ca.pem"));

    /// <summary>The administrator certificate's serial as the platform writes it (lowercase hex, no leading zeros).</summary>
    public string AdminSerial => clientCertificate.SerialNumber.ToLowerInvariant().TrimStart('0');

    public HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            EnableMultipleHttp2Connections = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TrustsOurRoot(certificate),
            },
        };
        return new HttpClient(handler)
        {
            BaseAddress = https,
            DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public void Dispose()
    {
        clientCertificate.Dispose();
        root.Dispose();
        issuing.Dispose();
    }

    private bool TrustsOurRoot(X509Certificate? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
