using Pki.Ca.Storage;
using Platform.Auditing;

namespace Pki.Ca.Issuance;

/// <summary>A certificate signed but not yet stored: its record, the event that records its issuance, and what the requester is given.</summary>
internal sealed record SignedCertificate(CertificateRecord Record, AuditEvent Event, IssuedCertificate Issued);

/// <summary>A request that passed every check before signing: its profile, the CA that would sign it, its CSR.</summary>
internal sealed record CheckedRequest(Profiles.CertificateProfile Profile, Hierarchy.CertificateAuthority Ca, ParsedCsr Csr);
