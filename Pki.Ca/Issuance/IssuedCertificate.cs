using Pki.Ca.Storage;

namespace Pki.Ca.Issuance;

/// <summary>A certificate the CA issued, with its chain.</summary>
/// <param name="Record">What the repository keeps.</param>
/// <param name="Pem">The certificate, PEM.</param>
/// <param name="Chain">The issuing CA's certificate, then each CA above it up to the root, PEM.</param>
public sealed record IssuedCertificate(CertificateRecord Record, string Pem, IReadOnlyList<string> Chain);
