using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Certificates;
using Platform.Http;
using Platform.RateLimiting;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;

namespace Platform.Security;

/// <summary>
/// Authenticates callers by the TLS client certificate, judged by <see cref="IClientCertificateValidator"/>.
/// The judgement of the certificate itself (issuer, signature, usage) is cached per connection, so a
/// keep-alive connection pays for it once; its revocation state is read on every request from
/// <see cref="ICertificateStatusSource"/>, in memory, so a revocation or a hold takes effect on the
/// next request of every open connection. Refusals are audit events with an anonymous actor (the
/// certificate's subject is only what the caller claims); challenges and denials answer with problem details.
/// </summary>
internal sealed partial class ClientCertificateAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IClientCertificateValidator validator,
    ICertificateStatusSource statuses,
    IAuditTrail audit,
    ClientCertificateRefusalLimiter refusalLimiter,
    RateLimitRefusals rateLimitRefusals,
    IAuthorizationPolicyProvider policies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ClientCertificate";

    /// <summary>The limit named in metrics and logs when refusals of one address are no longer audited.</summary>
    private const string RefusalLimit = "client-certificate-refusals";

    private static readonly object RateLimitedKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
        {
            return AuthenticateResult.NoResult();
        }

        ClientCertificateResult result;
        if (ConnectionCertificateJudgement.Get(Context, certificate) is { } judged)
        {
            result = judged;
        }
        else
        {
            result = await validator.ValidateAsync(certificate.RawDataMemory, Context.RequestAborted);
            if (result.IsValid)
            {
                // From here on the directory keeps this certificate's state current, on this node and from others.
                await statuses.TrackAsync([result.Serial!], Context.RequestAborted);
            }
            else if (!await RecordRefusalAsync(certificate, result, verified: false))
            {
                // Not cached: the next request is judged, and audited, once the address may be again.
                return AuthenticateResult.Fail(result.Failure ?? "The client certificate is not accepted.");
            }

            ConnectionCertificateJudgement.Set(Context, certificate, result);
        }

        if (result.IsValid && await StatusRefusalAsync(result.Serial!) is { } refusal)
        {
            // Revoked, held or expired since the connection was judged: refused from this request on.
            result = ClientCertificateResult.Refused(refusal, result.Subject, result.Serial);
            if (await RecordRefusalAsync(certificate, result, verified: true))
            {
                ConnectionCertificateJudgement.Set(Context, certificate, result);
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
        if (Context.Items.TryGetValue(RateLimitedKey, out var retryAfter))
        {
            await rateLimitRefusals.RefuseAsync(Context, RefusalLimit, retryAfter as TimeSpan?);
            return;
        }

        if (outcome.Failure is null)
        {
            await Problems.WriteAsync(Context, ProblemCodes.ClientCertificateRequired,
                "This endpoint needs a client certificate issued by this platform, presented on the HTTPS listener.");
            return;
        }

        await Problems.WriteAsync(Context, ProblemCodes.ClientCertificateRefused, outcome.Failure.Message);
    }

    /// <summary>The refusal, safe to show, when a certificate judged good on this connection is no longer; null while it is.</summary>
    private async Task<string?> StatusRefusalAsync(string serial)
    {
        var status = statuses.StatusOf(serial);
        if (status == CertificateHolderStatus.Unknown)
        {
            // Dropped from the directory after a failed read: read it again rather than trust the old judgement.
            await statuses.TrackAsync([serial], Context.RequestAborted);
            status = statuses.StatusOf(serial);
        }

        return status switch
        {
            CertificateHolderStatus.Good => null,
            CertificateHolderStatus.Revoked => "The client certificate has been revoked.",
            CertificateHolderStatus.OnHold => "The client certificate is on hold.",
            CertificateHolderStatus.Expired => "The client certificate is not within its validity period.",
            _ => "The client certificate's revocation state is not known.",
        };
    }

    /// <summary>
    /// Records a refusal, unless the caller's address has had too many recorded: then nothing is recorded,
    /// the challenge answers 429, and false is returned.
    /// </summary>
    private async Task<bool> RecordRefusalAsync(X509Certificate2 certificate, ClientCertificateResult result, bool verified)
    {
        if (!refusalLimiter.TryAcquire(Context, out var retryAfter))
        {
            Context.Items[RateLimitedKey] = retryAfter;
            return false;
        }

        // The actor is anonymous: a refused certificate proves nothing about who sent it. What it
        // claims is kept in the details, marked as claimed (verified: false) unless the platform
        // checked that it issued it and refused it for its state.
        await audit.RecordAsync(new AuditEvent
        {
            Module = "platform",
            Action = "authentication.client-certificate",
            Outcome = AuditOutcome.Denied,
            Actor = AuditActor.Anonymous,
            SourceAddress = Context.Connection.RemoteIpAddress?.ToString(),
            RequestId = Context.TraceIdentifier,
            Details = new Dictionary<string, string>
            {
                ["reason"] = result.Failure ?? "",
                ["presentedSubject"] = result.Subject ?? certificate.Subject,
                ["presentedSerial"] = result.Serial ?? certificate.SerialNumber.ToLowerInvariant(),
                ["presentedFingerprint"] = Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span)),
                ["verified"] = verified ? "true" : "false",
            },
        }, Context.RequestAborted);
        return true;
    }
}
