using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Pmi.Authorization.Decisions;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;
using System.Text.Json;

namespace Pmi.Authorization.Endpoints;

/// <summary>
/// <c>PUT/GET /authz/policies</c> and <c>PUT/GET /authz/schema</c>: administrators write, auditors and administrators read.
/// The work is in <see cref="PolicyAdministration"/>.
/// </summary>
internal static class PolicyEndpoints
{
    public const string Module = "pmi.authorization";
    private static readonly string[] PolicyMediaTypes = ["text/plain"];
    private static readonly string[] SchemaMediaTypes = ["text/plain", "application/json"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/authz").WithTags("Authorization").RequireAuthorization(PlatformRoles.Administrator);
        // Officers read what they audit (the auditor policy admits administrators too); writes stay with administrators.
        var read = endpoints.MapGroup("/authz").WithTags("Authorization").RequireAuthorization(PlatformRoles.Auditor);
        read.MapGet("/policies", GetPolicies).WithName("GetPolicies").WithSummary("Read the active policy set (Cedar)").Produces<string>(contentType: "text/plain");
        admin.MapPut("/policies", PutPolicies).WithName("PutPolicies").WithSummary("Replace the policy set").Accepts<string>("text/plain")
            .Produces<UpdateResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/policies/validation", ValidatePolicies).WithName("ValidatePolicies")
            .WithSummary("Check a policy set against the active schema as PUT /authz/policies would, storing nothing")
            .Accepts<string>("text/plain").Produces<PolicyValidationResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        read.MapGet("/schema", GetSchema).WithName("GetSchema").WithSummary("Read the active Cedar schema").Produces<string>(contentType: "text/plain");
        PolicyHistoryEndpoints.Map(read);
        admin.MapPut("/schema", PutSchema).WithName("PutSchema").WithSummary("Replace the Cedar schema").Accepts<string>("text/plain", "application/json")
            .Produces<UpdateResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static IResult GetPolicies(HttpContext context, PolicyDecisionPoint pdp)
    {
        var active = pdp.Active;
        context.Response.Headers.ETag = $"\"{active.PolicyVersion}\"";
        return Results.Text(active.PolicyDocument?.Text ?? "", "text/plain; charset=utf-8");
    }

    private static IResult GetSchema(HttpContext context, PolicyDecisionPoint pdp)
    {
        var document = pdp.Active.SchemaDocument;
        if (document is null)
        {
            return Problems.Result(ProblemCodes.SchemaNotSet, "No schema has been set; policies are not validated.");
        }

        context.Response.Headers.ETag = $"\"{document.Version}\"";
        return Results.Text(document.Text, document.Format == SchemaReader.JsonFormat ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
    }

    private static async Task<IResult> PutPolicies(HttpContext context, PolicyAdministration administration, IOptions<PolicyDecisionOptions> options, IAuditTrail audit)
    {
        var auditEvent = HttpAuditContext.For(context, Module, "policies.update", AuditOutcome.Success);
        var (text, _, problem) = await ReadTextAsync(context, options.Value.MaxPolicyBytes, PolicyMediaTypes, auditEvent, audit);
        return problem ?? await AnswerAsync(() => administration.UpdatePoliciesAsync(text!, auditEvent, context.RequestAborted));
    }

    private static async Task<IResult> ValidatePolicies(HttpContext context, PolicyAdministration administration, IOptions<PolicyDecisionOptions> options)
    {
        // Read like the update's body, so that what validates here is what the update would read; not audited (it changes nothing).
        var (text, _, problem) = await RequestBody.ReadTextAsync(context, new BodyRules(options.Value.MaxPolicyBytes, PolicyMediaTypes));
        if (problem is not null)
        {
            return problem;
        }

        var check = administration.CheckPolicies(text!);
        return Results.Json(new PolicyValidationResponse(check.Code is null, check.Code?.Value, ToResponse(check.Errors), ToResponse(check.Warnings),
            check.PolicyCount, check.SchemaVersion), AuthorizationJsonContext.Default.PolicyValidationResponse);
    }

    private static async Task<IResult> PutSchema(HttpContext context, PolicyAdministration administration, IOptions<PolicyDecisionOptions> options, IAuditTrail audit)
    {
        var auditEvent = HttpAuditContext.For(context, Module, "schema.update", AuditOutcome.Success);
        var (text, mediaType, problem) = await ReadTextAsync(context, options.Value.MaxSchemaBytes, SchemaMediaTypes, auditEvent, audit);
        var format = mediaType == "application/json" ? SchemaReader.JsonFormat : SchemaReader.CedarFormat;
        return problem ?? await AnswerAsync(() => administration.UpdateSchemaAsync(text!, format, auditEvent, context.RequestAborted));
    }

    private static async Task<(string? Text, string? MediaType, IResult? Problem)> ReadTextAsync(
        HttpContext context, int maxBytes, string[] mediaTypes, AuditEvent auditEvent, IAuditTrail audit)
    {
        var (text, mediaType, problem) = await RequestBody.ReadTextAsync(context, new BodyRules(maxBytes, mediaTypes));
        if (problem is not null)
        {
            await audit.RecordAsync(auditEvent with
            {
                Outcome = AuditOutcome.Failure,
                Details = new Dictionary<string, string> { ["code"] = ProblemCodes.BodyInvalid.Value },
            }, context.RequestAborted);
        }

        return (text, mediaType, problem);
    }

    private static async Task<IResult> AnswerAsync(Func<Task<UpdateOutcome>> update)
    {
        var outcome = await update();

        if (!outcome.Accepted)
        {
            return Problems.Result(outcome.Code!, outcome.Detail!, new Dictionary<string, object?>
            {
                ["errors"] = JsonSerializer.SerializeToElement(ToResponse(outcome.Errors), AuthorizationJsonContext.Default.IReadOnlyListDocumentErrorResponse),
            });
        }

        return Results.Json(new UpdateResponse(outcome.Version, outcome.Sha256!, outcome.PolicyCount, ToResponse(outcome.Warnings)),
            AuthorizationJsonContext.Default.UpdateResponse);
    }

    private static IReadOnlyList<DocumentErrorResponse> ToResponse(IReadOnlyList<DocumentError> errors) =>
        [.. errors.Select(e => new DocumentErrorResponse(e.Message, e.Line, e.Column, e.PolicyId))];
}
