namespace Acme.Load;

/// <summary>A problem document (RFC 7807, §6.7).</summary>
internal sealed record Problem(string? Type, string? Detail);
