using Org.BouncyCastle.X509;
using Platform.Cryptography;

namespace Pki.Ca.Ocsp;

/// <summary>A CA's delegated OCSP responder: its key, and its certificate issued by that CA.</summary>
/// <param name="CaName">The CA it answers for.</param>
/// <param name="Key">Signs the responses.</param>
/// <param name="Certificate">id-kp-OCSPSigning, id-pkix-ocsp-nocheck; sent in every response.</param>
/// <param name="SerialNumber">The certificate's serial (lowercase hex).</param>
public sealed record OcspSigner(string CaName, ISigningKey Key, X509Certificate Certificate, string SerialNumber);
