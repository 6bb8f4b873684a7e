using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;

namespace Pki.Ca.Ceremonies;

/// <summary>What a rollover made.</summary>
/// <param name="Previous">The generation that was current, now superseded.</param>
/// <param name="Successor">The new generation.</param>
/// <param name="Links">For a root: new-with-old, then old-with-new; empty for an issuing CA.</param>
public sealed record RolloverResult(CertificateAuthority Previous, CertificateAuthority Successor, IReadOnlyList<X509Certificate> Links);
