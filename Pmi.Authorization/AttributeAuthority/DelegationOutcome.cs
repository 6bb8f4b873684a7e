using Platform.Http;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>A delegation made, or the catalogued code and message of the refusal.</summary>
internal sealed record DelegationOutcome(DelegationResponse? Made, ProblemCode? Code, string? Detail)
{
    public static DelegationOutcome Refused(ProblemCode code, string detail) => new(null, code, detail);
}
