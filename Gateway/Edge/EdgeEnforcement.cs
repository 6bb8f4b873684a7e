using Gateway.Decisions;
using Gateway.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.RateLimiting;
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
    public async Task InvokeAsync(HttpContext context, DecisionCache decisions, IAuditTrail audit, RouteLimits limits, RateLimitRefusals refusals)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var requirements = RouteRequirements.Of(route);
        IdentityHeaders.RemoveFrom(context.Request.Headers);
        // Limits before authentication, so that a flood costs no token validation; not audited one by one.
        if (!limits.AdmitToRoute(route.RouteId, requirements, out var wait))
        {
            await refusals.RefuseAsync(context, "gateway route", wait, $"The route '{route.RouteId}' has had more requests than it accepts");
            return;
        }

        if (!LimitBody(context, requirements))
        {
            await Problems.WriteAsync(context, ProblemCodes.BodyTooLarge, BodyLimitDetail(requirements));
            return;
        }

        if (requirements.Credentials == EdgeCredentials.Anonymous)
        {
            if (!limits.AdmitCaller(route.RouteId, requirements, ClientAddressPartitions.KeyOf(context.Connection.RemoteIpAddress), out wait))
            {
                await refusals.RefuseAsync(context, "gateway client", wait, "This address sent more requests on this route than it accepts from one caller");
                return;
            }

            await next(context);
            await AnswerFailureAsync(context, requirements, record: null, audit);
            return;
        }

        var identity = await EdgeAuthentication.AuthenticateAsync(context, requirements);
        if (identity.Principal is null)
        {
            await ChallengeAsync(context, requirements, identity);
            return;
        }

        if (!limits.AdmitCaller(route.RouteId, requirements, IdentityHeaders.NameOf(identity.Principal), out wait))
        {
            await refusals.RefuseAsync(context, "gateway client", wait, "You sent more requests on this route than it accepts from one caller");
            return;
        }

        var resourceId = requirements.ResourceId!.Fill(context.Request.RouteValues);
        var decision = await decisions.DecideAsync(
            new AuthorizationQuestion(identity.Principal, requirements.Action, requirements.ResourceType, resourceId), context.RequestAborted);
        var record = new ForwardRecord(route.RouteId, identity.Actor, $"{requirements.ResourceType}::\"{resourceId}\"", decision);
        if (decision.RefusalCode == ProblemCodes.DecisionPointUnavailable.Value)
        {
            // Undecided, not denied: fail closed, and say it is the gateway's trouble, not the caller's.
            await record.RecordAsync(context, AuditOutcome.Failure, upstreamStatus: null, audit);
            await Problems.WriteAsync(context, ProblemCodes.DecisionPointUnavailable, decision.RefusalDetail!);
            return;
        }

        if (!decision.IsAllowed)
        {
            await record.RecordAsync(context, AuditOutcome.Denied, upstreamStatus: null, audit);
            await Problems.WriteAsync(context, ProblemCodes.RequestDenied, "The platform's decision point does not allow this request.");
            return;
        }

        IdentityHeaders.Add(context.Request.Headers, identity.Principal, decision);
        record.AttachTo(context);
        await next(context);
        await AnswerFailureAsync(context, requirements, record, audit);
    }

    /// <summary>
    /// When no answer came to transform (the upstream is down, broke off, or did not answer in time,
    /// or the body passed the route's limit): records a decided request as a failure, then answers
    /// with problem details unless the upstream's answer has begun.
    /// </summary>
    private static async Task AnswerFailureAsync(HttpContext context, RouteRequirements requirements, ForwardRecord? record, IAuditTrail audit)
    {
        if (context.GetForwarderErrorFeature() is not { } failure || record is { IsRecorded: true })
        {
            return;
        }

        var (code, detail) = Failure(failure, requirements);
        if (record is not null)
        {
            await record.RecordAsync(context, AuditOutcome.Failure, code.Status, audit);
        }

        if (!context.Response.HasStarted)
        {
            await Problems.WriteAsync(context, code, detail);
        }
    }

    /// <summary>
    /// Applies the route's body limit: false when the declared length is over it; a body sent
    /// without one is cut off by the server when it passes the limit.
    /// </summary>
    private static bool LimitBody(HttpContext context, RouteRequirements requirements)
    {
        if (requirements.MaxRequestBodyBytes is not { } max)
        {
            return true;
        }

        if (context.Request.ContentLength > max)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max;
        }

        return true;
    }

    private static (ProblemCode Code, string Detail) Failure(IForwarderErrorFeature failure, RouteRequirements requirements) => failure switch
    {
        { Error: ForwarderError.RequestBodyClient } when OverBodyLimit(failure.Exception) =>
            (ProblemCodes.BodyTooLarge, BodyLimitDetail(requirements)),
        { Error: ForwarderError.RequestTimedOut } => (ProblemCodes.UpstreamTimeout, "The application behind the gateway did not answer in time."),
        _ => (ProblemCodes.UpstreamUnavailable, "The application behind the gateway could not be reached."),
    };

    private static string BodyLimitDetail(RouteRequirements requirements) =>
        $"This route forwards request bodies of at most {requirements.MaxRequestBodyBytes} bytes.";

    /// <summary>Whether the server cut the body off at its limit (YARP reports it wrapped, with the copy's own failure beside it).</summary>
    private static bool OverBodyLimit(Exception? exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(OverBodyLimit),
        { InnerException: { } inner } => OverBodyLimit(inner),
        _ => false,
    };

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
