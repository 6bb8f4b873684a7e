namespace Acme.Load;

/// <summary>An empty object: the payload that triggers a challenge (§7.5.1).</summary>
internal sealed record EmptyObject;
