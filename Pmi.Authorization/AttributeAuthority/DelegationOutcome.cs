namespace Pmi.Authorization.AttributeAuthority;

/// <summary>A delegation made, or the status, stable code and message of the refusal.</summary>
internal sealed record DelegationOutcome(DelegationResponse? Made, int Status, string? Code, string? Detail)
{
    public static DelegationOutcome Refused(int status, string code, string detail) => new(null, status, code, detail);
}
