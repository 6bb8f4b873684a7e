using Pki.Ca.Issuance;
using Pki.Ca.Storage;

namespace Pki.Ca.Revocation;

/// <summary>The certificate after a revocation or release, or why it did not happen.</summary>
/// <param name="Certificate">The certificate as now stored, on success.</param>
/// <param name="Error">The refusal: codes <c>serial-invalid</c>, <c>reason-invalid</c>, <c>certificate-unknown</c>, <c>already-revoked</c>, <c>not-on-hold</c>;
/// <c>crl-publication-failed</c> when the change is committed but its CRL could not be published.</param>
public sealed record RevocationResult(CertificateRecord? Certificate, IssuanceError? Error);
