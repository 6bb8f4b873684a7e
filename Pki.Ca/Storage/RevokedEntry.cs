namespace Pki.Ca.Storage;

/// <summary>A currently revoked certificate, as a CRL lists it.</summary>
/// <param name="SerialNumber">Lowercase hex.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">The RFC 5280 reason name.</param>
/// <param name="InvalidityDate">When the key is known or suspected to have been compromised, if given.</param>
public sealed record RevokedEntry(string SerialNumber, DateTimeOffset RevokedAt, string Reason, DateTimeOffset? InvalidityDate);
