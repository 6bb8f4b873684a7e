using System.Text.Json.Serialization;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>A delegation made by <c>POST /pmi/delegations</c>, as made and as listed.</summary>
/// <param name="Id">Identifier (lowercase hex), used to revoke it.</param>
/// <param name="DelegateSerial">The sub-authority's certificate serial number.</param>
/// <param name="Roles">The roles it may grant.</param>
/// <param name="Departments">The departments its grants may name (none when empty).</param>
/// <param name="MaxClearance">The highest clearance its grants may carry; null: none.</param>
/// <param name="MaxDepth">Further delegation steps allowed below it.</param>
/// <param name="ParentId">The delegation it was made under, or null when the attribute authority made it.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="RevokedAt">When it was revoked; absent while it is not.</param>
public sealed record DelegationResponse(
    string Id, string DelegateSerial, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, string? MaxClearance, int MaxDepth, string? ParentId,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RevokedAt);
