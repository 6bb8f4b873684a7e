using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pki.Ca.Registration;
using Platform.Http;
using System.Globalization;

namespace Pki.Ca.Escrow;

/// <summary>
/// The key recovery's HTTP API (docs/pki.md, "Dual certificates and key escrow"): any
/// authenticated caller may ask; the decision point decides who is a key-recovery officer. Thin:
/// the work is in <see cref="KeyRecoveryAuthority"/>.
/// </summary>
internal static class EscrowEndpoints
{

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var recoveries = endpoints.MapGroup("/pki/key-recoveries").WithTags("Key escrow").RequireAuthorization();
        recoveries.MapPost("", OpenAsync).WithName("OpenKeyRecovery").WithSummary("Open a key recovery")
            .Accepts<KeyRecoveryOpening>("application/json").Produces<KeyRecoveryResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        recoveries.MapGet("", ListAsync).WithName("ListKeyRecoveries").WithSummary("List key recoveries").Produces<KeyRecoveryListResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        recoveries.MapGet("/{id}", GetAsync).WithName("GetKeyRecovery").WithSummary("Read a key recovery").Produces<KeyRecoveryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        recoveries.MapPost("/{id}/approve", ApproveAsync).WithName("ApproveKeyRecovery").WithSummary("Approve a key recovery")
            .Accepts<KeyRecoveryDecision>("application/json").Produces<KeyRecoveryResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> OpenAsync(HttpContext context, KeyRecoveryAuthority authority, TimeProvider time)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, EscrowJsonContext.Default.KeyRecoveryOpening);
        if (problem is not null)
        {
            return problem;
        }

        if (await RegistrationCaller.OfAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = await authority.OpenAsync(caller, body!, context.RequestAborted);
        if (result.Value is not { } recovery)
        {
            return Problems.Result(result.Code!, result.Detail!);
        }

        context.Response.Headers.Location = $"/pki/key-recoveries/{recovery.Id}";
        return Results.Json(Response(recovery, time.GetUtcNow()), EscrowJsonContext.Default.KeyRecoveryResponse, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ListAsync(string? status, int? limit, string? cursor, HttpContext context, KeyRecoveryAuthority authority, TimeProvider time)
    {
        var (query, problem) = ListQuery<KeyRecoveryStatus>.Parse(status, limit, cursor, "pending, released, expired");
        if (problem is not null)
        {
            return problem;
        }

        if (await RegistrationCaller.OfAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var page = await authority.ListAsync(caller, query.Status, query.Limit, query.Before, context.RequestAborted);
        var next = page.Count == 0 ? null : query.Next(page.Count, page[^1].OpenedAt, page[^1].Id);
        var now = time.GetUtcNow();
        return Results.Json(new KeyRecoveryListResponse([.. page.Select(r => Response(r, now))], next), EscrowJsonContext.Default.KeyRecoveryListResponse);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, KeyRecoveryAuthority authority, TimeProvider time)
    {
        if (await RegistrationCaller.OfAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = await authority.GetAsync(caller, id, context.RequestAborted);
        return result.Value is { } recovery
            ? Results.Json(Response(recovery, time.GetUtcNow()), EscrowJsonContext.Default.KeyRecoveryResponse)
            : Problems.Result(result.Code!, result.Detail!);
    }

    private static async Task<IResult> ApproveAsync(string id, HttpContext context, KeyRecoveryAuthority authority, TimeProvider time)
    {
        KeyRecoveryDecision? body = new(null);
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            (body, var problem) = await RequestBody.ReadJsonAsync(context, EscrowJsonContext.Default.KeyRecoveryDecision);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (await RegistrationCaller.OfAsync(context) is not { } caller)
        {
            return Unnamed;
        }

        var result = await authority.ApproveAsync(caller, id, body!.Comment, context.RequestAborted);
        return result.Value is { } recovery
            ? Results.Json(Response(recovery, time.GetUtcNow()), EscrowJsonContext.Default.KeyRecoveryResponse)
            : Problems.Result(result.Code!, result.Detail!);
    }

    /// <summary>The answer when an authenticated caller cannot be named to the decision point (a token revoked since it was accepted).</summary>
    private static IResult Unnamed => Problems.Result(ProblemCodes.KeyRecoveryDenied, "The caller could not be named to the decision point.");

    private static KeyRecoveryResponse Response(KeyRecovery r, DateTimeOffset now) => new(
        r.Id, r.Serial, r.Department, r.StatusAt(now).Name(), r.Reason, r.RecipientSerial, r.OpenedByName, r.OpenedAt, r.ExpiresAt, r.ApprovedByName,
        r.ApprovedAt, r.EnvelopeFormat, r.Envelope is null ? null : Convert.ToBase64String(r.Envelope));
}
