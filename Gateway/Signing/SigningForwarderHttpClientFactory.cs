using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Signing;

/// <summary>
/// YARP's client to the upstreams, with the gateway's signature added to each message as it leaves
/// (<see cref="IdentitySignature"/>). The credentials are looked up at the first message, not when
/// YARP builds its clients: building the host (for a command, say) must not create keys or databases.
/// </summary>
internal sealed class SigningForwarderHttpClientFactory(IServiceProvider services, TimeProvider time) : ForwarderHttpClientFactory
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new SigningHandler(handler, services, time);

    private sealed class SigningHandler(HttpMessageHandler inner, IServiceProvider services, TimeProvider time) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            IdentitySignature.Sign(request, services.GetRequiredService<GatewayCredentials>(), time.GetUtcNow());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
