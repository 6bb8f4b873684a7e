using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Security;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Identity.Server.ClientCertificates;

/// <summary>
/// Binds the access tokens of an application that authenticated with its certificate to that
/// certificate (RFC 8705 §3): <c>cnf</c> carries <c>x5t#S256</c>, the base64url SHA-256 of its DER.
/// A resource server accepts such a token only from a connection presenting that certificate, so a
/// stolen token is useless. OpenIddict's own binding is not used: it binds whatever certificate the
/// connection happens to present, including one that authenticated nothing. Refresh tokens need no
/// binding: they are issued to confidential applications, which must authenticate to use them (§4).
/// </summary>
internal sealed class CertificateBoundAccessTokens : IOpenIddictServerHandler<ProcessSignInContext>
{
    // After OpenIddict has prepared the access token's principal, before the token is written.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<CertificateBoundAccessTokens>()
            .SetOrder(PrepareAccessTokenPrincipal.Descriptor.Order + 500)
            .Build();


    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.AccessTokenPrincipal is { } principal && context.Transaction.GetProperty<X509Certificate2>(ClientCertificateAuthentication.AuthenticatedProperty) is { } certificate)
        {
            principal.SetClaim(OpenIddictConstants.Claims.Confirmation, new JsonObject { ["x5t#S256"] = CertificateThumbprint.Of(certificate) });
        }

        return ValueTask.CompletedTask;
    }
}
