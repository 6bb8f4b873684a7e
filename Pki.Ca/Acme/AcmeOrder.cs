namespace Pki.Ca.Acme;

/// <summary>
/// An ACME order (RFC 8555 §7.1.3) and its authorizations (one per identifier, made with it:
/// an order never borrows another order's proof). The status is derived from what is stored,
/// so nothing has to move it along: <c>valid</c> once its certificate is stored, <c>invalid</c>
/// when expired or an authorization failed, <c>ready</c> when every authorization is valid,
/// else <c>pending</c>.
/// </summary>
internal sealed record AcmeOrder(
    string Id, string AccountId, string? Department, string Profile, IReadOnlyList<string> Identifiers, DateTimeOffset ExpiresAt,
    DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Serial, string? Replaces, DateTimeOffset CreatedAt,
    IReadOnlyList<AcmeAuthorization> Authorizations)
{
    public string StatusAt(DateTimeOffset now) =>
        Serial is not null ? "valid"
        : ExpiresAt <= now || Authorizations.Any(a => a.StatusAt(now) is not ("valid" or "pending")) ? "invalid"
        : Authorizations.All(a => a.StatusAt(now) == "valid") ? "ready"
        : "pending";
}

/// <summary>
/// An authorization (RFC 8555 §7.1.4) for one DNS name (a wildcard's base name, with
/// <see cref="Wildcard"/>), with one token for its challenges. One challenge may be attempted:
/// <see cref="ChallengeType"/> is the one that was, <see cref="Error"/> (an ACME problem, JSON)
/// why it failed.
/// </summary>
internal sealed record AcmeAuthorization(
    string Id, string OrderId, string AccountId, string Identifier, bool Wildcard, string Status, DateTimeOffset ExpiresAt, string Token,
    string? ChallengeType, DateTimeOffset? ValidatedAt, string? Error)
{
    public const string Pending = "pending";
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Deactivated = "deactivated";

    /// <summary>The challenge types offered: a wildcard is proven in DNS only (RFC 8555 §7.1.3).</summary>
    public IReadOnlyList<string> ChallengeTypes => Wildcard ? [ChallengeKinds.Dns01] : [ChallengeKinds.Http01, ChallengeKinds.Dns01, ChallengeKinds.TlsAlpn01];

    public string StatusAt(DateTimeOffset now) => Status is Pending or Valid && ExpiresAt <= now ? "expired" : Status;
}

/// <summary>The challenge types (RFC 8555 §8.3, §8.4; RFC 8737).</summary>
internal static class ChallengeKinds
{
    public const string Http01 = "http-01";
    public const string Dns01 = "dns-01";
    public const string TlsAlpn01 = "tls-alpn-01";
}
