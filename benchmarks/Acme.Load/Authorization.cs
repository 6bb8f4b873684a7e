namespace Acme.Load;

/// <summary>An authorization (§7.1.4).</summary>
internal sealed record Authorization(string Status, Challenge[] Challenges);
