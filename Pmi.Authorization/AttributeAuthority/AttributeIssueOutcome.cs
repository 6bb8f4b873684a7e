using Platform.Http;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>An issued attribute certificate, or the catalogued code and message of the refusal.</summary>
internal sealed record AttributeIssueOutcome(AttributeCertificateResponse? Issued, ProblemCode? Code, string? Detail)
{
    public static AttributeIssueOutcome Refused(ProblemCode code, string detail) => new(null, code, detail);
}
