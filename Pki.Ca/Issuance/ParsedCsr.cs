using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;

namespace Pki.Ca.Issuance;

/// <summary>A PKCS#10 request whose structure and self-signature have been checked.</summary>
/// <param name="Subject">The requested subject.</param>
/// <param name="PublicKey">The requested public key.</param>
/// <param name="Key">What kind of key it is.</param>
/// <param name="SubjectAlternativeNames">SANs from the extensionRequest attribute; empty when none.</param>
public sealed record ParsedCsr(
    X509Name Subject,
    SubjectPublicKeyInfo PublicKey,
    PublicKeyDescription Key,
    IReadOnlyList<GeneralName> SubjectAlternativeNames);
