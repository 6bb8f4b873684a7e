namespace Acme.Load;

/// <summary>An order (§7.1.3).</summary>
internal sealed record Order(string Status, string[] Authorizations, string Finalize, string? Certificate, Problem? Error);
