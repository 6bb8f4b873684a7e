using Org.BouncyCastle.X509;
using Platform.Cryptography;

namespace Pki.Tsa.Authority;

/// <summary>What the TSA signs with: its key, its certificate and the chain above it.</summary>
/// <param name="Key">The signing key.</param>
/// <param name="Certificate">The TSA certificate (sole, critical EKU timeStamping).</param>
/// <param name="Chain">The issuing CA's certificate, then each CA above it up to the root.</param>
public sealed record TsaSigner(ISigningKey Key, X509Certificate Certificate, IReadOnlyList<X509Certificate> Chain);
