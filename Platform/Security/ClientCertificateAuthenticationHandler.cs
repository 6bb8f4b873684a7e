using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Http;
using System.Security.Claims;
using System.Text.Encodings.Web;

namespace Platform.Security;

/// <summary>
/// Authenticates callers by the TLS client certificate, judged by <see cref="IClientCertificateValidator"/>.
/// The verdict is cached per connection: a keep-alive connection pays for validation once.
/// Refusals are audit events; challenges and denials answer with problem details.
/// </summary>
internal sealed class ClientCertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IClientCertificateValidator validator,
    IAuditTrail audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ClientCertificate";
    private static readonly object CacheKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
        {
            return AuthenticateResult.NoResult();
        }

        var items = Context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items?.TryGetValue(CacheKey, out var cached) != true || cached is not ClientCertificateResult result)
        {
            result = await validator.ValidateAsync(certificate.RawData, Context.RequestAborted);
            if (items is not null)
            {
                items[CacheKey] = result;
            }

            if (!result.IsValid)
            {
                await audit.RecordAsync(new AuditEvent
                {
                    Module = "platform",
                    Action = "authentication.client-certificate",
                    Outcome = AuditOutcome.Denied,
                    Actor = new AuditActor(result.Subject, result.Serial),
                    SourceAddress = Context.Connection.RemoteIpAddress?.ToString(),
                    RequestId = Context.TraceIdentifier,
                    Details = new Dictionary<string, string> { ["reason"] = result.Failure ?? "" },
                }, Context.RequestAborted);
            }
        }

        if (!result.IsValid)
        {
            return AuthenticateResult.Fail(result.Failure ?? "The client certificate is not accepted.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, result.Subject ?? ""),
            new(PlatformClaims.CertificateSubject, result.Subject ?? ""),
            new(PlatformClaims.CertificateSerial, result.Serial ?? ""),
        };
        claims.AddRange(result.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = await HandleAuthenticateOnceSafeAsync();
        var detail = outcome.Failure?.Message
            ?? "This endpoint needs a client certificate issued by this platform, presented on the HTTPS listener.";
        await Problems.WriteAsync(Context,
            outcome.Failure is null ? ProblemCodes.ClientCertificateRequired : ProblemCodes.ClientCertificateRefused, detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await audit.RecordAsync(HttpAuditContext.For(Context, "platform", "authorization.denied", AuditOutcome.Denied,
            Context.Request.Path), Context.RequestAborted);
        await Problems.WriteAsync(Context, ProblemCodes.RoleRequired,
            "The client certificate does not carry the role this endpoint needs.");
    }
}
