using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Gateway.Remote;

/// <summary>
/// The gateway's one HTTPS client to the platform it fronts (<see cref="PlatformConnectionOptions"/>):
/// its client certificate presented, that platform's listener trusted by the configured CA
/// certificates (the name is still checked, nothing is fetched). Every remote part of the gateway
/// (decision point, token keys, OCSP) goes through it.
/// </summary>
internal sealed class PlatformConnection : IDisposable
{
    public PlatformConnection(IOptions<PlatformConnectionOptions> configured)
    {
        Options = configured.Value;
        var url = Options.Url ?? throw new InvalidOperationException("Gateway:Platform:Url is not set.");
        if (Options.TrustedCaFile is { } file)
        {
            CaCertificates.ImportFromPemFile(file);
        }

        Client = new HttpClient(Handler(Options, CaCertificates))
        {
            BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/"),
            Timeout = TimeSpan.FromSeconds(Options.TimeoutSeconds),
        };
    }

    public PlatformConnectionOptions Options { get; }

    public HttpClient Client { get; }

    /// <summary>The platform's CA certificates from <see cref="PlatformConnectionOptions.TrustedCaFile"/>; empty when unset.</summary>
    public X509Certificate2Collection CaCertificates { get; } = [];

    public void Dispose()
    {
        Client.Dispose();
        foreach (var certificate in CaCertificates)
        {
            certificate.Dispose();
        }
    }

    private static SocketsHttpHandler Handler(PlatformConnectionOptions options, X509Certificate2Collection trusted)
    {
        var certificate = options.ClientCertificateFile is { } file ? X509Certificate2.CreateFromPemFile(file, options.ClientKeyFile) : null;
        var tls = new SslClientAuthenticationOptions
        {
            ClientCertificateContext = certificate is null ? null : SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
        };
        if (trusted.Count > 0)
        {
            tls.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            tls.CertificateChainPolicy.CustomTrustStore.AddRange(trusted);
        }

        return new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), SslOptions = tls };
    }
}
