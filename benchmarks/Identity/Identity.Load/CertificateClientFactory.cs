using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Identity.Load;

/// <summary>
/// HTTPS/1.1 clients that present an application's client certificate and trust only the given
/// root. Each client owns one handler limited to one connection, so N clients are exactly N
/// keep-alive connections and none is re-established during the run.
/// </summary>
internal sealed class CertificateClientFactory(X509Certificate2 clientCertificate, X509Certificate2 root, X509Certificate2? intermediate, Uri baseAddress)
{
    public HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [clientCertificate],
                // Offered even though the server's request names no acceptable issuers list we match.
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusts(certificate),
            },
        };
        return new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient[] Create(int count) => Enumerable.Range(0, count).Select(_ => Create()).ToArray();

    private bool Trusts(X509Certificate? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        if (intermediate is not null)
        {
            chain.ChainPolicy.ExtraStore.Add(intermediate);
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
