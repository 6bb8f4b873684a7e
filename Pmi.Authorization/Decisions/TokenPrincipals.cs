using System.Text.Json;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;
using Platform.Http;
using Platform.Security;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// A decision request may carry the access token its principal presented (<c>"token"</c>) in place
/// of naming the principal: the platform validates it in process and the principal is what the token
/// says, not what the caller says. A person's token becomes <c>Person::"&lt;sub&gt;"</c> whose parents
/// are its roles and department (the same role and department types as attribute-certificate holders,
/// so one policy covers both), with the attributes <c>clearance</c> (0 unmarked … 5 topSecret),
/// <c>authenticationMethods</c> and <c>clientId</c>; an application's own token becomes
/// <c>Application::"&lt;client id&gt;"</c> with its roles as parents and the attributes <c>clientId</c>
/// and <c>scopes</c>. The entity is the platform's: a request may not supply it.
/// </summary>
internal static class TokenPrincipals
{
    /// <summary>The request member carrying the token.</summary>
    public const string Member = "token";

    /// <summary>
    /// The principal entity of <paramref name="request"/>'s token; (null, null) when it carries none,
    /// (null, refusal) when the token is not accepted or the request also names a principal.
    /// </summary>
    public static async Task<(Entity? Principal, DecisionInput? Refusal)> ReadAsync(
        JsonElement request, IAccessTokenValidator? validator, PolicyDecisionOptions options, AttributeAuthorityOptions authority, CancellationToken cancellationToken)
    {
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty(Member, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (request.TryGetProperty("principal", out var principal) && principal.ValueKind != JsonValueKind.Null)
        {
            return (null, DecisionInput.Refused(ProblemCodes.RequestInvalid, "A decision request names its \"principal\" or carries its \"token\", not both."));
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            return (null, DecisionInput.Refused(ProblemCodes.RequestInvalid, "\"token\" is an access token (a JWT) as a JSON string."));
        }

        if (validator is null)
        {
            return (null, DecisionInput.Refused(ProblemCodes.PrincipalTokenInvalid, "This platform runs no identity provider, so it cannot validate a token."));
        }

        var validation = await validator.ValidateAsync(member.GetString()!, cancellationToken);
        return validation.Token is { } token
            ? (EntityOf(token, options, authority), null)
            : (null, DecisionInput.Refused(ProblemCodes.PrincipalTokenInvalid, "The token is not accepted: " + validation.Refusal));
    }

    /// <summary>The principal entity of a validated token: a person or an application, with its roles as parents.</summary>
    public static Entity EntityOf(ValidatedAccessToken token, PolicyDecisionOptions options, AttributeAuthorityOptions authority)
    {
        var parents = token.Roles.Select(r => new EntityUid(authority.RoleEntityType, r)).ToHashSet();
        var attrs = new Dictionary<string, Value>(StringComparer.Ordinal) { ["clientId"] = new StringValue(token.ClientId) };
        if (!token.IsPerson)
        {
            attrs["scopes"] = Strings(token.Scopes);
            return new Entity(new EntityUid(options.ApplicationEntityType, token.ClientId), attrs, parents, null);
        }

        if (token.Department is { Length: > 0 } department)
        {
            parents.Add(new EntityUid(authority.DepartmentEntityType, department));
        }

        if (Array.IndexOf(Rfc5755Attributes.Classes, token.Clearance) is var clearance and >= 0)
        {
            attrs["clearance"] = LongValue.Of(clearance);
        }

        attrs["authenticationMethods"] = Strings(token.AuthenticationMethods);
        return new Entity(new EntityUid(options.PersonEntityType, token.Subject), attrs, parents, null);
    }

    private static SetValue Strings(IEnumerable<string> values) => new([.. values.Select(v => (Value)new StringValue(v))]);
}
