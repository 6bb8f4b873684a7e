using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Identity.Clients.Endpoints;

/// <summary>The administration API of registered applications under <c>/identity/clients</c>. Thin: the work is in <see cref="ClientRegistry"/>.</summary>
internal static class ClientEndpoints
{
    // A registration with a full JWKS and 32 redirect URIs fits well within this.
    private const int MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var clients = endpoints.MapGroup("/identity/clients").WithTags("Identity: applications").RequireAuthorization(PlatformRoles.Administrator);
        clients.MapPost("", CreateAsync).WithName("RegisterClient").WithSummary("Register an application (OAuth client)")
            .Accepts<RegisterClientRequest>("application/json")
            .Produces<Client>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapGet("", ListAsync).WithName("ListClients")
            .WithSummary("List registered applications by client id, a page at a time, filtered by client id or name")
            .Produces<ClientPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        clients.MapGet("/{clientId}", GetAsync).WithName("GetClient").WithSummary("Read an application")
            .Produces<Client>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPatch("/{clientId}", UpdateAsync).WithName("UpdateClient").WithSummary("Update an application")
            .Accepts<UpdateClientRequest>("application/json", "application/merge-patch+json")
            .Produces<Client>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapDelete("/{clientId}", DeleteAsync).WithName("DeleteClient").WithSummary("Delete an application")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{clientId}/secret", RotateSecretAsync).WithName("RotateClientSecret").WithSummary("Rotate an application's client secret")
            .Produces<Client>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ClientRegistry registry)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, ClientJsonContext.Default.RegisterClientRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await registry.CreateAsync(body!, Audit(context), context.RequestAborted);
        return Answer(context, outcome, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ClientRegistry registry, string? limit, string? cursor, string? search)
    {
        if (search is { Length: > 100 })
        {
            return Problems.Result(ProblemCodes.QueryInvalid, "search is at most 100 characters.");
        }

        var size = ClientRegistry.DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ClientRegistry.MaxPageSize))
        {
            return Problems.Result(ProblemCodes.LimitInvalid, $"limit is a whole number from 1 to {ClientRegistry.MaxPageSize}.");
        }

        // The cursor is the last client id of the previous page.
        if (cursor is not null && !ClientValidation.IsClientId(cursor))
        {
            return Problems.Result(ProblemCodes.CursorInvalid, "cursor is the 'next' value of an earlier page.");
        }

        var (clients, more) = await registry.ListAsync(size, cursor, context.RequestAborted, string.IsNullOrEmpty(search) ? null : search);
        return Results.Json(new ClientPage(clients, more ? clients[^1].ClientId : null), ClientJsonContext.Default.ClientPage);
    }

    private static async Task<IResult> GetAsync(string clientId, ClientRegistry registry, CancellationToken cancellationToken) =>
        await registry.GetAsync(clientId, cancellationToken) is { } client
            ? Results.Json(client, ClientJsonContext.Default.Client)
            : Problems.Result(ProblemCodes.ClientUnknown, "No application has that clientId.");

    private static async Task<IResult> UpdateAsync(string clientId, HttpContext context, ClientRegistry registry)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, ClientJsonContext.Default.UpdateClientRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        return Answer(context, await registry.UpdateAsync(clientId, body!, Audit(context), context.RequestAborted), StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string clientId, HttpContext context, ClientRegistry registry)
    {
        var outcome = await registry.DeleteAsync(clientId, Audit(context), context.RequestAborted);
        return outcome.Succeeded ? Results.NoContent() : Answer(context, outcome, StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> RotateSecretAsync(string clientId, HttpContext context, ClientRegistry registry) =>
        Answer(context, await registry.RotateSecretAsync(clientId, Audit(context), context.RequestAborted), StatusCodes.Status200OK);

    private static IResult Answer(HttpContext context, ClientOutcome outcome, int status)
    {
        if (outcome.Value is not { } client)
        {
            return Problems.Result(outcome.Code!, outcome.Detail!,
                outcome.Field is null ? null : new Dictionary<string, object?> { ["field"] = outcome.Field });
        }

        if (client.ClientSecret is not null)
        {
            // The secret is in the answer, once: no cache may keep it.
            context.Response.Headers.CacheControl = "no-store";
        }

        return Results.Json(client, ClientJsonContext.Default.Client, statusCode: status);
    }

    // The registry sets the action and target.
    private static AuditEvent Audit(HttpContext context) => HttpAuditContext.For(context, ClientAudit.Module, ClientAudit.Create, AuditOutcome.Success);
}
