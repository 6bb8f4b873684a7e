using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Decisions;
using Pmi.Authorization.Json;
using Platform.Http;
using Platform.Security;
using System.Text.Json;

namespace Pmi.Authorization.Endpoints;

/// <summary>
/// <c>POST /authz/is-authorized</c> and <c>POST /authz/is-authorized/batch</c> (documented in docs/authorization.md). Any
/// authenticated caller may ask: a valid, unrevoked client certificate issued by the platform on the
/// HTTPS listener, or the provider's bearer token. Decisions reveal policy ids, so anonymous callers
/// are not answered. A request may carry its principal's access token in place of the principal.
/// </summary>
internal static class DecisionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/authz/is-authorized").WithTags("Authorization").RequireAuthorization();
        group.MapPost("", IsAuthorized).WithName("IsAuthorized").WithSummary("Ask for an authorization decision").Accepts<JsonElement>("application/json")
            .Produces<DecisionResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/batch", IsAuthorizedBatch).WithName("IsAuthorizedBatch").WithSummary("Ask for several authorization decisions").Accepts<JsonElement>("application/json")
            .Produces<BatchDecisionResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> IsAuthorized(
        HttpContext context, PolicyDecisionPoint pdp, IOptions<PolicyDecisionOptions> options, IOptions<AttributeAuthorityOptions> authority, ILoggerFactory logs)
    {
        var limits = options.Value;
        var (document, problem) = await ReadJsonAsync(context, limits.MaxRequestBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var (response, input) = await DecideAsync(context, pdp, document!.RootElement, limits, authority.Value);
            return response is null
                ? Refuse(logs, input.Code!, input.Detail!, null)
                : Results.Json(ToResponse(response), AuthorizationJsonContext.Default.DecisionResponse);
        }
    }

    private static async Task<IResult> IsAuthorizedBatch(
        HttpContext context, PolicyDecisionPoint pdp, IOptions<PolicyDecisionOptions> options, IOptions<AttributeAuthorityOptions> authority, ILoggerFactory logs)
    {
        var limits = options.Value;
        var (document, problem) = await ReadJsonAsync(context, limits.MaxRequestBytes);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("requests", out var requests) || requests.ValueKind != JsonValueKind.Array)
            {
                return Problems.Result(ProblemCodes.RequestInvalid, "A batch is {\"requests\": [ … ]}.");
            }

            if (requests.GetArrayLength() > limits.MaxBatchSize)
            {
                return Problems.Result(ProblemCodes.BatchTooLarge, $"A batch holds at most {limits.MaxBatchSize} requests.");
            }

            var responses = new List<DecisionResponse>(requests.GetArrayLength());
            var index = 0;
            foreach (var request in requests.EnumerateArray())
            {
                // One bad request refuses the batch: a partial answer is easy to misread as complete.
                var (response, input) = await DecideAsync(context, pdp, request, limits, authority.Value);
                if (response is null)
                {
                    return Refuse(logs, input.Code!, $"Request {index}: {input.Detail}", index);
                }

                responses.Add(ToResponse(response));
                index++;
            }

            return Results.Json(new BatchDecisionResponse(responses), AuthorizationJsonContext.Default.BatchDecisionResponse);
        }
    }

    // A request carrying its principal's token is decided for what the validated token says.
    private static async Task<(AuthorizationResponse? Response, DecisionInput Input)> DecideAsync(
        HttpContext context, PolicyDecisionPoint pdp, JsonElement request, PolicyDecisionOptions limits, AttributeAuthorityOptions authority)
    {
        var validator = context.RequestServices.GetService<IAccessTokenValidator>();
        var (principal, refusal) = await TokenPrincipals.ReadAsync(request, validator, limits, authority, context.RequestAborted);
        return refusal is not null ? (null, refusal) : pdp.Decide(request, limits, context.RequestAborted, principal);
    }

    private static Task<(JsonDocument? Document, IResult? Problem)> ReadJsonAsync(HttpContext context, int maxBytes) =>
        RequestBody.ReadJsonDocumentAsync(context, maxBytes, JsonValueReader.MaxDepth);

    private static IResult Refuse(ILoggerFactory logs, ProblemCode code, string detail, int? index)
    {
        PdpLog.RequestRefused(logs.CreateLogger(typeof(DecisionEndpoints)), code.Value, detail);
        return Problems.Result(code, detail, index is null ? null : new Dictionary<string, object?> { ["index"] = index.Value });
    }

    private static DecisionResponse ToResponse(AuthorizationResponse response) => new(
        response.Decision == Decision.Allow ? "allow" : "deny",
        response.Reasons,
        [.. response.Errors.Select(e => new DecisionError(e.PolicyId, e.Message))]);
}
