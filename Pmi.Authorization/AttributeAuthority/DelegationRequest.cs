using System.ComponentModel.DataAnnotations;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>The body of <c>POST /pmi/delegations</c>.</summary>
/// <param name="DelegateSerial">Serial number (hex) of the sub-authority's current platform client certificate.</param>
/// <param name="Roles">The roles the sub-authority may grant, 1 to 16 names.</param>
/// <param name="MaxDepth">How many further delegation steps are allowed below the sub-authority; 0 lets it grant but not delegate.</param>
/// <param name="ValidDays">Validity in days; the attribute authority's default when omitted, never beyond the delegating delegation.</param>
/// <param name="Departments">The departments its grants may name, at most 16; omitted or empty: its grants name none.</param>
/// <param name="MaxClearance">The highest clearance its grants may carry; omitted: its grants carry none.</param>
public sealed record DelegationRequest(
    [property: Required] string? DelegateSerial, [property: Required] IReadOnlyList<string>? Roles, int? MaxDepth, int? ValidDays, IReadOnlyList<string>? Departments = null, string? MaxClearance = null);
