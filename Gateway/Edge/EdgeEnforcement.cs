using Gateway.Decisions;
using Gateway.Routes;
using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Edge;

/// <summary>
/// The policy enforcement point, in the proxy pipeline before a request is forwarded: identity
/// headers from the client are removed; the caller is authenticated with what the route accepts,
/// every time; the decision point decides the route's action on its resource (an answer kept by the
/// <see cref="DecisionCache"/> while nothing it depends on changed); a denial is audited and answered
/// 403; an allowed request goes on with the principal and the decision in identity headers, and is
/// audited with the upstream's status before the caller hears it (<see cref="ForwardAudit"/>).
/// </summary>
internal sealed class EdgeEnforcement(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, DecisionCache decisions, IAuditTrail audit)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var requirements = RouteRequirements.Of(route);
        IdentityHeaders.RemoveFrom(context.Request.Headers);
        if (requirements.Credentials == EdgeCredentials.Anonymous)
        {
            await next(context);
            return;
        }

        var identity = await EdgeAuthentication.AuthenticateAsync(context, requirements);
        if (identity.Principal is null)
        {
            await ChallengeAsync(context, requirements, identity);
            return;
        }

        var resourceId = requirements.ResourceId!.Fill(context.Request.RouteValues);
        var decision = await decisions.DecideAsync(
            new AuthorizationQuestion(identity.Principal, requirements.Action, requirements.ResourceType, resourceId), context.RequestAborted);
        var record = new ForwardRecord(route.RouteId, identity.Actor, $"{requirements.ResourceType}::\"{resourceId}\"", decision);
        if (!decision.IsAllowed)
        {
            await record.RecordAsync(context, AuditOutcome.Denied, upstreamStatus: null, audit);
            await Problems.WriteAsync(context, ProblemCodes.RequestDenied, "The platform's decision point does not allow this request.");
            return;
        }

        IdentityHeaders.Add(context.Request.Headers, identity.Principal, decision);
        record.AttachTo(context);
        await next(context);
        if (context.GetForwarderErrorFeature() is { } failure && !record.IsRecorded)
        {
            // No answer came to transform: the upstream is down, broke off, or did not answer in time.
            var code = failure.Error == ForwarderError.RequestTimedOut ? ProblemCodes.UpstreamTimeout : ProblemCodes.UpstreamUnavailable;
            await record.RecordAsync(context, AuditOutcome.Failure, code.Status, audit);
            if (!context.Response.HasStarted)
            {
                await Problems.WriteAsync(context, code, code == ProblemCodes.UpstreamTimeout
                    ? "The application behind the gateway did not answer in time."
                    : "The application behind the gateway could not be reached.");
            }
        }
    }

    private static Task ChallengeAsync(HttpContext context, RouteRequirements requirements, EdgeIdentity identity)
    {
        // RFC 6750 §3: a route that takes bearer tokens says so, and why a presented one failed.
        if (requirements.AcceptsBearer)
        {
            context.Response.Headers.WWWAuthenticate = identity.Refusal == ProblemCodes.AccessTokenRefused
                ? $"Bearer error=\"invalid_token\", error_description=\"{identity.Detail!.Replace("\"", "'", StringComparison.Ordinal)}\""
                : "Bearer";
        }

        return Problems.WriteAsync(context, identity.Refusal!, identity.Detail!);
    }
}
