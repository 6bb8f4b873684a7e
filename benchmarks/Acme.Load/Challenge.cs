namespace Acme.Load;

/// <summary>A challenge of an authorization (§8); the load client answers http-01 (§8.3).</summary>
internal sealed record Challenge(string Type, string Url, string Token, string Status, Problem? Error);
