using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Signatures.Validation.Revocation;

/// <summary>The CRLs and OCSP responses a signature carries, or the platform's CA gave.</summary>
/// <param name="Crls">Full CRLs.</param>
/// <param name="OcspResponses">Basic OCSP responses.</param>
internal sealed record RevocationData(IReadOnlyList<X509Crl> Crls, IReadOnlyList<BasicOcspResp> OcspResponses)
{
    /// <summary>No revocation data.</summary>
    public static RevocationData None { get; } = new([], []);

    /// <summary>True when there is none.</summary>
    public bool IsEmpty => Crls.Count == 0 && OcspResponses.Count == 0;
}
