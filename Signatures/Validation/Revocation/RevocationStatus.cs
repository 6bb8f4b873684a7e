namespace Signatures.Validation.Revocation;

/// <summary>What verified revocation data says about a certificate.</summary>
/// <param name="State">Good, revoked, or unknown (no verified data covers it).</param>
/// <param name="IssuedAt">When the data that decided was issued (thisUpdate of the CRL or OCSP answer).</param>
/// <param name="RevokedAt">The revocation time, when revoked.</param>
/// <param name="Reason">The RFC 5280 reason code, when revoked and given.</param>
/// <param name="Source">Which data decided, for people.</param>
internal sealed record RevocationStatus(RevocationState State, DateTimeOffset? IssuedAt, DateTimeOffset? RevokedAt, int? Reason, string Source)
{
    /// <summary>Nothing verified says anything about the certificate.</summary>
    public static RevocationStatus Unknown(string why) => new(RevocationState.Unknown, null, null, null, why);
}

/// <summary>The three answers revocation data gives.</summary>
internal enum RevocationState
{
    /// <summary>No verified data covers the certificate.</summary>
    Unknown,

    /// <summary>Not revoked as of the data's issue time.</summary>
    Good,

    /// <summary>Revoked at a stated time.</summary>
    Revoked,
}
