using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Platform.Http;

namespace Pmi.Authorization.Decisions;

/// <summary>A decision request read off the wire, or why it could not be read.</summary>
internal sealed record DecisionInput(AuthorizationRequest? Request, Entities? Entities, ProblemCode? Code, string? Detail)
{
    public static DecisionInput Ok(AuthorizationRequest request, Entities entities) => new(request, entities, null, null);

    public static DecisionInput Refused(ProblemCode code, string detail) => new(null, null, code, detail);
}
