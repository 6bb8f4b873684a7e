using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The gateway's codes: refusals at the edge, and upstreams that do not answer.</summary>
public static partial class ProblemCodes
{
    /// <summary>A gateway route's request without the credentials the route accepts.</summary>
    public static readonly ProblemCode CredentialsMissing = new("credentials-missing", Status401Unauthorized,
        "The route needs an access token of the platform's identity provider (Authorization: Bearer) or a client certificate of its CA, as the route accepts; none was presented.");

    /// <summary>A gateway route's request whose access token is not accepted.</summary>
    public static readonly ProblemCode AccessTokenRefused = new("access-token-refused", Status401Unauthorized,
        "The access token is not accepted for this route: expired, revoked, from another issuer, not validly signed, for another audience, or bound to another client certificate than the connection presents.");

    /// <summary>A gateway route's request the decision point does not allow.</summary>
    public static readonly ProblemCode RequestDenied = new("request-denied", Status403Forbidden,
        "The platform's decision point does not allow this request; the answer names no policy (the audit trail records which decided).");

    /// <summary>An upstream application that cannot be reached or answered with a broken response.</summary>
    public static readonly ProblemCode UpstreamUnavailable = new("upstream-unavailable", Status502BadGateway,
        "The application behind the gateway could not be reached, or its answer was broken.");

    /// <summary>An upstream application that did not answer in time.</summary>
    public static readonly ProblemCode UpstreamTimeout = new("upstream-timeout", Status504GatewayTimeout,
        "The application behind the gateway did not answer in time.");

    /// <summary>A gateway whose remote decision point cannot be asked.</summary>
    public static readonly ProblemCode DecisionPointUnavailable = new("decision-point-unavailable", Status503ServiceUnavailable,
        "The gateway could not ask the platform's decision point (unreachable, too slow, its answer unreadable, or the gateway's own certificate refused there), so it forwards nothing.");
}
