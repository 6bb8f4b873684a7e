using Microsoft.AspNetCore.Http;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>An issued attribute certificate, or the stable code, message and HTTP status of the refusal.</summary>
internal sealed record AttributeIssueOutcome(AttributeCertificateResponse? Issued, string? Code, string? Detail, int Status = StatusCodes.Status400BadRequest)
{
    public static AttributeIssueOutcome Refused(string code, string detail, int status = StatusCodes.Status400BadRequest) => new(null, code, detail, status);
}
