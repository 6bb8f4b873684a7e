namespace Pki.Ca.Storage;

/// <summary>A CRL the CA published.</summary>
/// <param name="CaName">The issuing CA.</param>
/// <param name="Number">Its CRL number (shared sequence for full and delta CRLs).</param>
/// <param name="BaseNumber">For a delta CRL, the base CRL number; null for a full CRL.</param>
/// <param name="ThisUpdate">thisUpdate.</param>
/// <param name="NextUpdate">nextUpdate.</param>
/// <param name="Der">The signed CRL.</param>
/// <param name="CoversChange">The newest revocation change of the CA (a <see cref="RevocationChange.Sequence"/>) it reflects.</param>
public sealed record StoredCrl(
    string CaName, long Number, long? BaseNumber, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, byte[] Der, long CoversChange = 0)
{
    /// <summary>Whether this is a delta CRL.</summary>
    public bool IsDelta => BaseNumber is not null;
}
