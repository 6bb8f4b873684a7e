using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Discovery;

namespace Identity.Server.ClientCertificates;

/// <summary>
/// Announces RFC 8705 in discovery: <c>tls_client_auth</c> at the endpoints where clients authenticate,
/// and <c>tls_client_certificate_bound_access_tokens</c>. No <c>mtls_endpoint_aliases</c>: the one HTTPS
/// listener asks every caller for a certificate and lets it decline, so the standard endpoints serve both.
/// The method is not put in OpenIddict's own list, which would switch on its chain-policy check.
/// </summary>
internal sealed class MutualTlsDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    // After OpenIddict has attached its own methods and security requirements (it would reset the binding flag).
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<MutualTlsDiscovery>()
            .SetOrder(AttachSecurityRequirements.Descriptor.Order + 500)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.TokenEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.TlsClientAuth);
        context.IntrospectionEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.TlsClientAuth);
        context.RevocationEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.TlsClientAuth);
        context.TlsClientCertificateBoundAccessTokens = true;
        return ValueTask.CompletedTask;
    }
}
