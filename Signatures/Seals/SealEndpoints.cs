using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Org.BouncyCastle.X509;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Security;
using System.Security.Cryptography;

namespace Signatures.Seals;

/// <summary>
/// The seals' HTTP API (docs/signatures.md): administrators make seals; any authenticated caller
/// reads them (their certificates are public). Thin: the work is in <see cref="SealRegistry"/>.
/// </summary>
internal static class SealEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var seals = endpoints.MapGroup("/signatures/seals").WithTags("Signatures: seals").RequireAuthorization();
        seals.MapPost("", CreateAsync).WithName("CreateSeal").WithSummary("Create a department seal").RequireAuthorization(PlatformRoles.Administrator)
            .Accepts<SealCreation>("application/json").Produces<SealResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        seals.MapGet("", ListAsync).WithName("ListSeals").WithSummary("List department seals").Produces<SealListResponse>();
        seals.MapGet("/{department}", GetAsync).WithName("GetSeal").WithSummary("Read a department's seal").Produces<SealResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        Cades.SignatureEndpoints.Map(endpoints);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, SealRegistry registry)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, SealJsonContext.Default.SealCreation);
        if (problem is not null)
        {
            return problem;
        }

        var origin = HttpAuditContext.For(context, SealEvents.Module, SealEvents.Create, AuditOutcome.Success);
        var result = await registry.CreateAsync(body!.Department, body.Algorithm, origin, context.RequestAborted);
        if (result.Value is not { } seal)
        {
            return Problems.Result(result.Code!, result.Detail!);
        }

        return Results.Json(Response(seal), SealJsonContext.Default.SealResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, SealRegistry registry)
    {
        var seals = await registry.ListAsync(context.RequestAborted);
        return Results.Json(new SealListResponse([.. seals.Select(Response)]), SealJsonContext.Default.SealListResponse);
    }

    private static async Task<IResult> GetAsync(string department, HttpContext context, SealRegistry registry)
    {
        var seal = EntityNames.IsValid(department) ? await registry.FindAsync(department, context.RequestAborted) : null;
        return seal is null
            ? Problems.Result(ProblemCodes.SealUnknown, "That department has no seal.")
            : Results.Json(Response(seal.Seal), SealJsonContext.Default.SealResponse);
    }

    private static SealResponse Response(Seal seal)
    {
        var parsed = new X509CertificateParser().ReadCertificate(seal.Certificate);
        return new(seal.Department, Platform.Cryptography.KeyAlgorithmNames.Name(seal.Algorithm), seal.SerialNumber, parsed.SubjectDN.ToString(),
            new DateTimeOffset(parsed.NotAfter, TimeSpan.Zero), seal.CreatedAt, seal.CreatedBy, Pem(seal.Certificate), [.. seal.Chain.Select(Pem)]);
    }

    private static string Pem(byte[] certificate) => PemEncoding.WriteString("CERTIFICATE", certificate) + "\n";
}
