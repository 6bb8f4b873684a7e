using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Http;
using Signatures.Validation.Reports;

namespace Signatures.Validation;

/// <summary>
/// <c>POST /signatures/verify</c> (docs/signature-validation.md): any authenticated caller. The
/// answer to a signature that is there is always a report (200), however broken the signature;
/// only a request without a signature to read is refused. Not audited: validating changes nothing.
/// </summary>
internal static class ValidationEndpoints
{
    /// <summary>Room in the body for the JSON around the two base64 fields, and for the certificates and revocation data a signature carries.</summary>
    internal const int SignatureOverheadBytes = 256 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signatures/verify", VerifyAsync).WithName("VerifySignature").WithSummary("Verify a signature and get a validation report").WithTags("Signatures").RequireAuthorization()
            .Accepts<VerificationRequest>("application/json").Produces<ValidationReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, SignatureValidator validator, IOptions<SignaturesOptions> options)
    {
        var maxContent = options.Value.MaxContentBytes;
        var maxBody = Base64Length(maxContent) * 2L + SignatureOverheadBytes;
        var (request, problem) = await RequestBody.ReadJsonAsync(context, ValidationJsonContext.Default.VerificationRequest, (int)Math.Min(int.MaxValue, maxBody));
        if (problem is not null)
        {
            return problem;
        }

        if (!TryDecode(request!.Signature, out var signature) || signature.Length == 0)
        {
            return Problems.Result(ProblemCodes.VerificationSignatureInvalid, "signature must be the base64 of a DER CMS SignedData.");
        }

        byte[]? content = null;
        if (request.Content is not null && !TryDecode(request.Content, out content))
        {
            return Problems.Result(ProblemCodes.VerificationContentInvalid, "content must be base64.");
        }

        if (content?.Length > maxContent || signature.Length > maxContent + SignatureOverheadBytes)
        {
            return Problems.Result(ProblemCodes.VerificationContentTooLarge, $"The content may be at most {maxContent} bytes.");
        }

        var report = await validator.ValidateAsync(signature, content, context.RequestAborted);
        return Results.Json(report, ValidationJsonContext.Default.ValidationReport);
    }

    private static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    private static long Base64Length(int bytes) => (bytes + 2L) / 3 * 4;
}
