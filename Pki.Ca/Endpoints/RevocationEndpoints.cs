using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pki.Ca.Crl;
using Pki.Ca.Hierarchy;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;
using System.Globalization;

namespace Pki.Ca.Endpoints;

/// <summary>Revocation (admin) and the CRLs (public).</summary>
internal static class RevocationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/pki/certificates/{serial}/revoke", RevokeAsync).WithTags("Certificate authority")
            .RequireAuthorization(PlatformRoles.Administrator).WithName("RevokeCertificate").WithSummary("Revoke a certificate")
            .Accepts<RevokeRequest>("application/json").Produces<CertificateResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/pki/cas/{name}/crl", (string name, HttpContext context, CaRegistry registry, CrlPublisher crls) =>
            CrlAsync(name, delta: false, context, registry, crls)).WithTags("Certificate authority").WithName("GetCrl").WithSummary("Download a CA's current CRL")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pkix-crl").ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/pki/cas/{name}/delta-crl", (string name, HttpContext context, CaRegistry registry, CrlPublisher crls) =>
            CrlAsync(name, delta: true, context, registry, crls)).WithTags("Certificate authority").WithName("GetDeltaCrl").WithSummary("Download a CA's current delta CRL")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pkix-crl").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> RevokeAsync(string serial, HttpContext context, RevocationService revocations, TimeProvider time)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, CaJsonContext.Default.RevokeRequest);
        if (problem is not null)
        {
            return problem;
        }

        var result = await revocations.ChangeAsync(new RevocationRequest(serial, body!.Reason, body.InvalidityDate,
            HttpAuditContext.Actor(context), context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier), context.RequestAborted);
        if (result.Error is { } error)
        {
            return Problems.Result(error.Code, error.Message);
        }

        return Results.Json(CaEndpoints.ToResponse(result.Certificate!, time.GetUtcNow()), CaJsonContext.Default.CertificateResponse);
    }

    private static async Task<IResult> CrlAsync(string name, bool delta, HttpContext context, CaRegistry registry, CrlPublisher crls)
    {
        if (!registry.TryGet(name, out _))
        {
            return Problems.Result(ProblemCodes.CaUnknown, $"There is no CA '{name}'.");
        }

        StoredCrl crl;
        try
        {
            crl = delta ? await crls.DeltaAsync(name, context.RequestAborted) : await crls.FullAsync(name, context.RequestAborted);
        }
        catch (CrlUnavailableException e)
        {
            return Problems.Result(ProblemCodes.CrlUnavailable, e.Message);
        }

        var headers = context.Response.Headers;
        // A new CRL appears on every revocation, so caches must ask again; the ETag makes that cheap.
        headers.CacheControl = "public, no-cache";
        headers.ETag = $"\"{crl.Number.ToString(CultureInfo.InvariantCulture)}\"";
        headers.LastModified = crl.ThisUpdate.ToString("R", CultureInfo.InvariantCulture);
        return Results.Bytes(crl.Der, "application/pkix-crl");
    }
}
