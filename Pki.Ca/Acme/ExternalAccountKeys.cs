using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pki.Ca.Acme.Jws;
using Pki.Ca.Registration;
using Platform.Auditing;
using Platform.Http;
using Platform.Keys;

namespace Pki.Ca.Acme;

/// <summary>
/// <c>POST /pki/departments/{name}/acme-keys</c>: a reviewer of the department (as the decision
/// point allows <c>reviewCertificateRequest</c> on it) gets an External Account Binding key — its
/// id (<c>kid</c>) and MAC key, shown once — for one ACME account of the department. Orders of
/// that account are approved in advance for the department's DNS names, as an enrollment secret
/// approves one EST enrollment.
/// </summary>
internal static class ExternalAccountKeys
{
    public static async Task<IResult> CreateAsync(string name, HttpContext context)
    {
        var services = context.RequestServices;
        if (await RegistrationCaller.OfAsync(context) is not { } caller)
        {
            return RegistrationEndpoints.Unnamed;
        }

        var reviewed = await services.GetRequiredService<RegistrationAuthority>()
            .ReviewedDepartmentAsync(caller, AcmeEvents.ExternalKeyCreate, name, context.RequestAborted);
        if (reviewed.Value is not { } department)
        {
            return Problems.Result(reviewed.Code!, reviewed.Detail!);
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Guid.NewGuid().ToString("n");
        var macKey = ExternalAccountKey.NewMacKey();
        try
        {
            var sealer = services.GetRequiredService<SecretSealer>();
            var key = new ExternalAccountKey(id, department.Name, sealer.Seal(ExternalAccountKey.SealPurpose, id, macKey), caller.DisplayName, now,
                now + services.GetRequiredService<IOptions<CaOptions>>().Value.Acme.ExternalKeyLifetime, null);
            await services.GetRequiredService<IAcmeStore>().AddExternalKeyAsync(key, RegistrationEvents.Of(caller, AcmeEvents.ExternalKeyCreate, AuditOutcome.Success,
                "acme-external-account-key:" + id, new() { ["department"] = department.Name, ["expiresAt"] = key.ExpiresAt.ToString("O") }), context.RequestAborted);
            var directory = new AcmeUrls(context.Request).Directory;
            return Results.Json(new ExternalAccountKeyResponse(id, Base64Url.Encode(macKey), department.Name, key.ExpiresAt, directory),
                AcmeJsonContext.Default.ExternalAccountKeyResponse, statusCode: StatusCodes.Status201Created);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(macKey);
        }
    }
}
