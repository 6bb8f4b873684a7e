namespace Pki.Ca.Storage;

/// <summary>
/// A committed change that other nodes sharing the database must take in: a certificate's
/// revocation state changed, or a CRL was published.
/// </summary>
/// <param name="Sequence">Its place in the order of commits; strictly increasing.</param>
/// <param name="Local">Whether this node made it (and so has taken it in already).</param>
/// <param name="CaName">The CA concerned.</param>
/// <param name="SerialNumber">The certificate whose revocation state changed; null for a CRL.</param>
/// <param name="CrlNumber">The number of the CRL published; null for a revocation.</param>
public sealed record RevocationChange(long Sequence, bool Local, string CaName, string? SerialNumber, long? CrlNumber);
