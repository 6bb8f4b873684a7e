using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;

namespace Signatures.Envelopes;

/// <summary>
/// <c>POST /signatures/encrypt</c> and <c>POST /signatures/decrypt</c> (docs/encryption.md): any
/// authenticated caller may encrypt to the platform's certificates; decryption is the decision
/// point's to allow. Thin: the work is in <see cref="EnvelopeEncryption"/> and <see cref="EnvelopeDecryption"/>.
/// </summary>
internal static class EnvelopeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/signatures").WithTags("Encryption").RequireAuthorization();
        group.MapPost("/encrypt", EncryptAsync).WithName("EncryptDocument").WithSummary("Encrypt a document (CMS EnvelopedData)")
            .Accepts<EncryptRequest>("application/json").Produces<EncryptResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/decrypt", DecryptAsync).WithName("DecryptDocument").WithSummary("Decrypt a document with a held key")
            .Accepts<DecryptRequest>("application/json").Produces<DecryptResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>The largest body: <paramref name="bytes"/> in base64, and room for the rest of the request.</summary>
    internal static int MaxBodyBytes(int bytes, int rest) => (int)Math.Min(int.MaxValue, (bytes + 2L) / 3 * 4 + rest);

    private static async Task<IResult> EncryptAsync(HttpContext context, EnvelopeEncryption encryption, IOptions<SignaturesOptions> options)
    {
        var maxBody = MaxBodyBytes(options.Value.MaxContentBytes, EnvelopeEncryption.MaxRecipients * RecipientCertificates.MaxPemChars + 4096);
        var (body, problem) = await RequestBody.ReadJsonAsync(context, EnvelopeJsonContext.Default.EncryptRequest, maxBody);
        if (problem is not null)
        {
            return problem;
        }

        var result = await encryption.EncryptAsync(body!, context.RequestAborted);
        return result.Value is { } enveloped
            ? Results.Json(enveloped, EnvelopeJsonContext.Default.EncryptResponse)
            : Problems.Result(result.Code!, result.Detail!);
    }

    private static async Task<IResult> DecryptAsync(HttpContext context, EnvelopeDecryption decryption, IOptions<SignaturesOptions> options)
    {
        var maxBody = MaxBodyBytes(options.Value.MaxContentBytes + EnvelopeDecryption.MaxOverheadBytes, 4096);
        var (body, problem) = await RequestBody.ReadJsonAsync(context, EnvelopeJsonContext.Default.DecryptRequest, maxBody);
        if (problem is not null)
        {
            return problem;
        }

        var caller = new DecryptionCaller(await CallerPrincipal.OfAsync(context),
            HttpAuditContext.For(context, EnvelopeEvents.Module, EnvelopeEvents.Decrypt, AuditOutcome.Failure));
        var result = await decryption.DecryptAsync(caller, body!, context.RequestAborted);
        return result.Value is { } content
            ? Results.Json(content, EnvelopeJsonContext.Default.DecryptResponse)
            : Problems.Result(result.Code!, result.Detail!);
    }
}
