namespace Pmi.Authorization.AttributeAuthority;

/// <summary>An issued attribute certificate, or the stable code and message of the refusal.</summary>
internal sealed record AttributeIssueOutcome(AttributeCertificateResponse? Issued, string? Code, string? Detail)
{
    public static AttributeIssueOutcome Refused(string code, string detail) => new(null, code, detail);
}
