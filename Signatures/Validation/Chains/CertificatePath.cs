using Org.BouncyCastle.X509;

namespace Signatures.Validation.Chains;

/// <summary>A chain from a certificate up to a trust anchor, or why none was found.</summary>
/// <param name="Certificates">The certificate first, the anchor last; empty when no chain was found.</param>
/// <param name="Detail">The path in names, or where building it stopped.</param>
internal sealed record CertificatePath(IReadOnlyList<X509Certificate> Certificates, string Detail)
{
    /// <summary>True when the chain reaches a trust anchor.</summary>
    public bool Found => Certificates.Count > 0;

    /// <summary>The certificate's issuer (the anchor for a certificate the anchor issued itself), when found.</summary>
    public X509Certificate? IssuerOfFirst => Certificates.Count > 1 ? Certificates[1] : Certificates.Count == 1 ? Certificates[0] : null;
}
