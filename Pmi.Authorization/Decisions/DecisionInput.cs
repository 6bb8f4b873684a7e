using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;

namespace Pmi.Authorization.Decisions;

/// <summary>A decision request read off the wire, or why it could not be read.</summary>
internal sealed record DecisionInput(AuthorizationRequest? Request, Entities? Entities, string? Code, string? Detail)
{
    public static DecisionInput Ok(AuthorizationRequest request, Entities entities) => new(request, entities, null, null);

    public static DecisionInput Refused(string code, string detail) => new(null, null, code, detail);
}
