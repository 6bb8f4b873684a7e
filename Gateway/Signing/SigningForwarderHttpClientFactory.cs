using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Remote;
using Platform.Certificates;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Signing;

/// <summary>
/// YARP's client to the upstreams, with the gateway's signature added to each message as it leaves
/// (<see cref="IdentitySignature"/>), and upstreams on HTTPS trusted when the machine trusts their
/// certificate or the platform's own CA issued it for TLS servers (the city's applications get
/// theirs from it). The credentials and the root are looked up at first use, not when YARP builds
/// its clients: building the host (for a command, say) must not create keys or databases.
/// </summary>
internal sealed class SigningForwarderHttpClientFactory(IServiceProvider services, TimeProvider time) : ForwarderHttpClientFactory
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        if (context.NewConfig.DangerousAcceptAnyServerCertificate != true)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TrustsUpstream;
        }
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new SigningHandler(handler, services, time);

    private bool TrustsUpstream(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A wrong name or no certificate stays refused; only a chain the machine does not trust is looked at again.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        if (services.GetService<IPlatformCertificateIssuer>() is { } issuer)
        {
            chain.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(issuer.RootCertificate));
        }
        else
        {
            // A gateway without the CA in process: the platform's CAs it was given.
            chain.ChainPolicy.CustomTrustStore.AddRange(services.GetRequiredService<PlatformConnection>().CaCertificates);
        }

        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ServerAuthentication));
        // Nothing is fetched while a request waits: the chain comes from the upstream's handshake.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(leaf);
    }

    private sealed class SigningHandler(HttpMessageHandler inner, IServiceProvider services, TimeProvider time) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            IdentitySignature.Sign(request, services.GetRequiredService<IGatewaySigningKeys>(), time.GetUtcNow());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
