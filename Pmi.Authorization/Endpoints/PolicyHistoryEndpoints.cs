using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Http;
using Pmi.Authorization.Decisions;
using Pmi.Authorization.Storage;
using System.Globalization;

namespace Pmi.Authorization.Endpoints;

/// <summary>
/// <c>GET /authz/history</c> and <c>GET /authz/history/{version}</c>: every version of the policies and the
/// schema ever stored, for officers and administrators (the group they are mapped on requires the role).
/// </summary>
internal static class PolicyHistoryEndpoints
{
    public static void Map(RouteGroupBuilder read)
    {
        read.MapGet("/history", ListAsync).WithName("GetPolicyHistory").WithSummary("List policy and schema versions").Produces<PolicyHistoryPage>().ProducesProblem(StatusCodes.Status400BadRequest);
        read.MapGet("/history/{version}", GetAsync).WithName("GetPolicyVersion").WithSummary("Read one stored policy or schema version").Produces<string>(contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string? kind, long? before, int? limit, PolicyHistory history, CancellationToken cancellationToken)
    {
        DocumentKind? wanted = kind switch
        {
            null or "" => null,
            "policies" => DocumentKind.Policies,
            "schema" => DocumentKind.Schema,
            _ => (DocumentKind)(-1),
        };
        if (wanted == (DocumentKind)(-1))
        {
            return Problems.Result(ProblemCodes.KindInvalid, "kind is policies or schema.");
        }

        if (before is < 1 || limit is < 1 or > PolicyHistory.MaxPageSize)
        {
            return Problems.Result(ProblemCodes.LimitInvalid, $"before is a version (at least 1) and limit is between 1 and {PolicyHistory.MaxPageSize}.");
        }

        var pageSize = limit ?? ListingQuery.DefaultPageSize;
        var page = await history.ListAsync(wanted, before, pageSize, cancellationToken);
        return Results.Json(new PolicyHistoryPage(page, page.Count == pageSize ? page[^1].Version : null), AuthorizationJsonContext.Default.PolicyHistoryPage);
    }

    private static async Task<IResult> GetAsync(string version, HttpContext context, PolicyHistory history, CancellationToken cancellationToken)
    {
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Problems.Result(ProblemCodes.VersionInvalid, "A version is a positive whole number.");
        }

        if (await history.GetAsync(number, cancellationToken) is not { } found)
        {
            return Problems.Result(ProblemCodes.VersionUnknown, $"No version {number} of the policies or the schema was stored.");
        }

        context.Response.Headers.ETag = $"\"{found.Version.Version}\"";
        context.Response.Headers["X-Document-Kind"] = found.Version.Kind;
        return Results.Text(found.Text, found.Version.Format == SchemaReader.JsonFormat ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
    }
}
