using Microsoft.Extensions.Options;
using Pmi.Authorization.AttributeAuthority;
using Platform.Authorization;
using System.Buffers;
using System.Text.Json;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// The decision point for modules hosted in the same process. A question is written as the request
/// <c>POST /authz/is-authorized</c> takes and read by the same reader, so both decide alike: the
/// certificate holder as <c>Certificate::"&lt;serial&gt;"</c> with its attribute certificates' privileges,
/// the token holder as the entity its validated token makes (<see cref="TokenPrincipals"/>), and the
/// request checked against the schema when there is one. Its <see cref="InputsVersion"/> moves with
/// every change of what decisions read (<see cref="DecisionInputsVersion"/>).
/// </summary>
internal sealed class InProcessDecisionPoint(
    PolicyDecisionPoint pdp, IOptions<PolicyDecisionOptions> options, IOptions<AttributeAuthorityOptions> authority,
    DecisionInputsVersion inputs, HolderDirectory holders) : IAuthorizationDecisionPoint
{
    public long? InputsVersion => inputs.Value;

    public Task<AuthorizationDecision> DecideAsync(AuthorizationQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var limits = options.Value;
        using var request = JsonDocument.Parse(RequestJson(question, authority.Value));
        var principal = question.Principal is AccessTokenPrincipal token ? TokenPrincipals.EntityOf(token.Claims, limits, authority.Value) : null;
        var (response, input) = pdp.Decide(request.RootElement, limits, cancellationToken, principal);
        return Task.FromResult(response is null
            ? AuthorizationDecision.Refused(input.Code!.Value, input.Detail!)
            : new AuthorizationDecision(
                response.Decision == Authorization.Decision.Allow,
                response.Reasons,
                [.. response.Errors.Select(e => $"{e.PolicyId}: {e.Message}")],
                ValidUntil: holders.NextValidityChange()));
    }

    private static ReadOnlyMemory<byte> RequestJson(AuthorizationQuestion question, AttributeAuthorityOptions authority)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (question.Principal is CertificatePrincipal certificate)
            {
                WriteUid(json, "principal", authority.HolderEntityType, certificate.SerialNumber);
            }

            WriteUid(json, "action", "Action", question.Action);
            WriteUid(json, "resource", question.ResourceType, question.ResourceId);
            json.WriteStartObject("context");
            foreach (var (name, value) in question.Context ?? new Dictionary<string, string>())
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            if (question.Entities() is { } entities)
            {
                json.WritePropertyName("entities");
                JsonSerializer.Serialize(json, entities);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteUid(Utf8JsonWriter json, string member, string type, string id)
    {
        json.WriteStartObject(member);
        json.WriteString("type", type);
        json.WriteString("id", id);
        json.WriteEndObject();
    }
}
