using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Identity.Clients;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Certificates;
using Platform.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Identity.Server.ClientCertificates;

/// <summary>
/// Client authentication by TLS certificate (RFC 8705 §2.1, <c>tls_client_auth</c>) at the token,
/// introspection and revocation endpoints, in place of OpenIddict's own check: that one builds an X.509
/// chain on the system clock, fetches revocation over the network and knows nothing of the platform's
/// holds, and it refuses every certificate when no chain policy is set, so a secret-holding application
/// behind a TLS stack that always presents one could not authenticate at all.
/// Here the platform's CA judges the certificate (issued by it, current, clientAuth, in its repository;
/// once per connection, shared with the platform's own certificate authentication), its revocation
/// state is the CA's in-memory one, read per request (revoked, held and released take effect at once), the
/// certificate must carry the registered subject DN or alternative name, and its public key must be one
/// the application registered. An application registered for another method is not authenticated by a
/// certificate: presenting one without its own credential is <c>invalid_client</c>.
/// A refusal names its reason for the audit trail under <see cref="RefusalProperty"/>.
/// </summary>
internal sealed class ClientCertificateAuthentication(
    IOpenIddictApplicationManager applications,
    IClientCertificateValidator validator,
    ICertificateStatusSource statuses) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>Transaction property: the reason a client certificate was refused (<c>certificate-missing</c>, <c>certificate-refused</c>, …).</summary>
    public const string RefusalProperty = "securityplatform:client-certificate-refusal";

    /// <summary>Transaction property, set when the client authenticated with its certificate: the one its access tokens are bound to.</summary>
    public const string AuthenticatedProperty = "securityplatform:client-certificate";

    // After OpenIddict knows the client exists, before it checks the client has some credential.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientIdParameter>()
            .UseScopedHandler<ClientCertificateAuthentication>()
            .SetOrder(ValidateClientType.Descriptor.Order - 500)
            .Build();

    /// <summary>OpenIddict's chain-policy check this handler replaces.</summary>
    public static OpenIddictServerHandlerDescriptor Replaced => ValidateClientCertificate.Descriptor;

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation))
        {
            return;
        }

        var application = await applications.FindByClientIdAsync(context.ClientId!, context.CancellationToken);
        if (application is null)
        {
            return; // OpenIddict has refused it already.
        }

        var certificate = context.Transaction.RemoteCertificate;
        if (await MethodOfAsync(application, context.CancellationToken) != ClientAuthMethods.TlsClientAuth)
        {
            if (certificate is not null && string.IsNullOrEmpty(context.ClientSecret) && string.IsNullOrEmpty(context.ClientAssertion)
                && !await applications.HasClientTypeAsync(application, ClientTypes.Public, context.CancellationToken))
            {
                Refuse(context, "certificate-not-registered", "This application is not registered for tls_client_auth; a client certificate is not its credential.");
            }

            return;
        }

        if (!string.IsNullOrEmpty(context.ClientSecret) || !string.IsNullOrEmpty(context.ClientAssertion))
        {
            Refuse(context, "method-mismatch", "This application authenticates with its client certificate (tls_client_auth) only.");
            return;
        }

        if (certificate is null)
        {
            Refuse(context, "certificate-missing", "This application authenticates with its client certificate (tls_client_auth); none was presented.");
            return;
        }

        if (await RefusalOfAsync(context, application, certificate) is { } refusal)
        {
            Refuse(context, refusal.Reason, refusal.Description);
            return;
        }

        context.Transaction.SetProperty(AuthenticatedProperty, certificate);
    }

    private async Task<(string Reason, string Description)?> RefusalOfAsync(ProcessAuthenticationContext context, object application, X509Certificate2 certificate)
    {
        var cancellationToken = context.CancellationToken;
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        var judged = http is null ? null : ConnectionCertificateJudgement.Get(http, certificate);
        if (judged is null)
        {
            judged = await validator.ValidateAsync(certificate.RawDataMemory, cancellationToken);
            if (judged.IsValid)
            {
                // From here on the directory keeps this certificate's state current, on this node and from others.
                await statuses.TrackAsync([judged.Serial!], cancellationToken);
            }

            if (http is not null)
            {
                ConnectionCertificateJudgement.Set(http, certificate, judged);
            }
        }

        if (judged.IsValid)
        {
            // Read per request: a revocation or hold since the connection was judged counts at once.
            judged = statuses.StatusOf(judged.Serial!) switch
            {
                CertificateHolderStatus.Good => judged,
                CertificateHolderStatus.Revoked => ClientCertificateResult.Refused("The client certificate has been revoked."),
                CertificateHolderStatus.OnHold => ClientCertificateResult.Refused("The client certificate is on hold."),
                CertificateHolderStatus.Expired => ClientCertificateResult.Refused("The client certificate is not within its validity period."),
                _ => ClientCertificateResult.Refused("The client certificate's revocation state is not known."),
            };
        }

        if (!judged.IsValid)
        {
            return ("certificate-refused", judged.Failure ?? "The client certificate is not accepted.");
        }

        var name = await ClientCertificateNames.ReadAsync(applications, application, cancellationToken);
        if (name is null || !CertificateNameMatch.Matches(certificate, name))
        {
            return ("certificate-name-mismatch", "The client certificate does not carry the subject DN or alternative name this application registered.");
        }

        if (!CertificateKeyMatch.IsRegistered(certificate, await applications.GetJsonWebKeySetAsync(application, cancellationToken)))
        {
            return ("certificate-key-not-registered", "The client certificate's public key is not one this application registered in its jwks.");
        }

        return null;
    }

    private async ValueTask<string?> MethodOfAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(ClientProperties.TokenEndpointAuthMethod, out var method) && method.ValueKind == JsonValueKind.String ? method.GetString() : null;
    }

    private static void Refuse(ProcessAuthenticationContext context, string reason, string description)
    {
        context.Transaction.SetProperty(RefusalProperty, reason);
        context.Reject(Errors.InvalidClient, description);
    }
}
