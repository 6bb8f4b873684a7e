using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;

namespace Gateway.Edge;

/// <summary>Who a request's credentials prove the caller to be, or why they prove nothing.</summary>
/// <param name="Principal">The authenticated principal; null when refused.</param>
/// <param name="Actor">The principal as the audit trail names it.</param>
/// <param name="Refusal">Why the request is not authenticated; null when it is.</param>
/// <param name="Detail">What the caller is told.</param>
internal sealed record EdgeIdentity(AuthorizationPrincipal? Principal, AuditActor Actor, ProblemCode? Refusal, string? Detail)
{
    public static EdgeIdentity Authenticated(AuthorizationPrincipal principal, AuditActor actor) => new(principal, actor, null, null);

    public static EdgeIdentity Refused(ProblemCode code, string detail) => new(null, AuditActor.Anonymous, code, detail);
}
