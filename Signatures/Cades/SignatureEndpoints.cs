using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Security;
using Signatures.Seals;

namespace Signatures.Cades;

/// <summary>
/// <c>POST /signatures/sign</c> (with a department's seal, or assembling the caller's own signature) and
/// <c>POST /signatures/prepare</c> (the bytes the caller signs). Any authenticated caller; who may use a
/// seal is the decision point's answer. Thin: the work is in <see cref="SealSigning"/> and <see cref="ExternalSignatures"/>.
/// </summary>
internal static class SignatureEndpoints
{
    // Room for the JSON around a base64 document of the largest size.
    private const int EnvelopeBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var signatures = endpoints.MapGroup("/signatures").WithTags("Signatures: signing").RequireAuthorization();
        signatures.MapPost("/sign", SignAsync).WithName("Sign").WithSummary("Sign a document (CAdES)").Accepts<SignRequest>("application/json").Produces<SignResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        signatures.MapPost("/prepare", PrepareAsync).WithName("PrepareSignature").WithSummary("Prepare the signed attributes for a client-side signature").Accepts<PrepareRequest>("application/json").Produces<PrepareResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> SignAsync(
        HttpContext context, SealSigning seals, ExternalSignatures external, IOptions<SignaturesOptions> options)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, SignatureJsonContext.Default.SignRequest, BodyLimit(options.Value));
        if (problem is not null)
        {
            return problem;
        }

        SealResult<CadesSignature> result;
        var own = body!.SignedAttributes is not null || body.SignatureValue is not null || body.Certificate is not null;
        if (body.Seal is not null && !own)
        {
            var origin = HttpAuditContext.For(context, SealEvents.Module, SealEvents.Seal, AuditOutcome.Success);
            result = await seals.SignAsync(await CallerPrincipal.OfAsync(context), body, origin, context.RequestAborted);
        }
        else if (body.Seal is null && own)
        {
            var origin = HttpAuditContext.For(context, SealEvents.Module, SealEvents.Assemble, AuditOutcome.Success);
            result = await external.AssembleAsync(body, CallerSubject(context), origin, context.RequestAborted);
        }
        else
        {
            return Problems.Result(ProblemCodes.SignatureRequestInvalid,
                "Name a seal, or send signedAttributes, signatureValue and certificate of your own signature: not both, not neither.");
        }

        if (result.Value is not { } signature)
        {
            return Problems.Result(result.Code!, result.Detail!);
        }

        var signer = signature.Signer;
        return Results.Json(new SignResponse(signature.Encoded, signature.Level.Name(), signer.SerialNumber, signer.Subject,
            signature.SigningTime, signature.TimeStampSerial, signature.ArchiveTimeStampSerial), SignatureJsonContext.Default.SignResponse);
    }

    private static async Task<IResult> PrepareAsync(HttpContext context, ExternalSignatures external, IOptions<SignaturesOptions> options)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(context, SignatureJsonContext.Default.PrepareRequest, BodyLimit(options.Value));
        if (problem is not null)
        {
            return problem;
        }

        var result = await external.PrepareAsync(body!, CallerSubject(context), context.RequestAborted);
        return result.Value is { } prepared
            ? Results.Json(prepared, SignatureJsonContext.Default.PrepareResponse)
            : Problems.Result(result.Code!, result.Detail!);
    }

    private static int BodyLimit(SignaturesOptions options) => (int)Math.Min(int.MaxValue, (options.MaxContentBytes + 2L) / 3 * 4 + EnvelopeBytes);

    /// <summary>The subject of the client certificate the caller authenticated with; null for a caller by token.</summary>
    private static string? CallerSubject(HttpContext context) =>
        context.User.FindFirst(PlatformClaims.CertificateSerial) is null ? null : context.User.FindFirst(PlatformClaims.CertificateSubject)?.Value;
}
