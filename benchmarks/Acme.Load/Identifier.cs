namespace Acme.Load;

/// <summary>An identifier of an order (§7.1.3); the load client asks only for type dns.</summary>
internal sealed record Identifier(string Type, string Value);
