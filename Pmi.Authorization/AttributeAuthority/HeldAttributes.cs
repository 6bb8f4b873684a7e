namespace Pmi.Authorization.AttributeAuthority;

/// <summary>What one attribute certificate grants its holder, and when.</summary>
internal sealed record HeldAttributes(string Serial, string HolderSerial, IReadOnlyList<string> Roles, string? Department, int? Clearance, DateTimeOffset NotBefore, DateTimeOffset NotAfter);
