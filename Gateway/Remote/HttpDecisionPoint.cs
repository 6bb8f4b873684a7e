using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Authorization;
using Platform.Http;

namespace Gateway.Remote;

/// <summary>
/// The platform's decision point asked over its HTTP API, for a gateway that runs apart from the
/// authorization module: each question as the JSON <c>POST /authz/is-authorized</c> takes (a token
/// principal by its token, which that platform validates again; a certificate holder by serial),
/// over HTTPS with the gateway's client certificate. It cannot tell when the answers would change,
/// so it has no <see cref="InputsVersion"/> and nothing it answers is cached. A decision point that
/// cannot be asked refuses (fail closed), with <c>decision-point-unavailable</c>.
/// </summary>
internal sealed class HttpDecisionPoint : IAuthorizationDecisionPoint
{
    private readonly HttpClient client;
    private readonly PlatformConnectionOptions options;

    public HttpDecisionPoint(PlatformConnection platform)
    {
        client = platform.Client;
        options = platform.Options;
    }

    public long? InputsVersion => null;

    public async Task<AuthorizationDecision> DecideAsync(AuthorizationQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        try
        {
            using var response = await client.PostAsJsonAsync("authz/is-authorized", Request(question), cancellationToken);
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = answer.RootElement;
            if (response.IsSuccessStatusCode && root.TryGetProperty("decision", out var decision))
            {
                return new AuthorizationDecision(decision.GetString() == "allow", Strings(root, "reasons"), Strings(root, "errors"));
            }

            var detail = root.TryGetProperty("detail", out var said) ? said.GetString() : null;
            // The gateway's own credential refused there: the gateway's trouble, not the caller's.
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return Unavailable($"it refused the gateway's client certificate ({(int)response.StatusCode}): {detail}");
            }

            // A question that platform could not read (a resource outside its schema, a token it refuses) is its answer: deny.
            if ((int)response.StatusCode is >= 400 and < 500 && root.TryGetProperty("code", out var code) && code.GetString() is { } refusal)
            {
                return AuthorizationDecision.Refused(refusal, detail ?? refusal);
            }

            return Unavailable($"it answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return Unavailable(e is TaskCanceledException ? $"it did not answer within {options.TimeoutSeconds} s." : e.Message);
        }
    }

    private static AuthorizationDecision Unavailable(string why) =>
        AuthorizationDecision.Refused(ProblemCodes.DecisionPointUnavailable.Value, "The decision point could not be asked: " + why);

    private Dictionary<string, object> Request(AuthorizationQuestion question)
    {
        var request = new Dictionary<string, object>(5)
        {
            ["action"] = new { type = "Action", id = question.Action },
            ["resource"] = new { type = question.ResourceType, id = question.ResourceId },
            ["context"] = question.Context ?? new Dictionary<string, string>(),
        };
        switch (question.Principal)
        {
            case AccessTokenPrincipal token:
                request["token"] = token.Token;
                break;
            case CertificatePrincipal certificate:
                request["principal"] = new { type = options.CertificateEntityType, id = certificate.SerialNumber };
                break;
            default:
                throw new ArgumentException("An unknown kind of principal.", nameof(question));
        }

        if (question.Entities() is { } entities)
        {
            request["entities"] = entities;
        }

        return request;
    }

    private static IReadOnlyList<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString())]
            : [];
}
