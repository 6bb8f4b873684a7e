using Org.BouncyCastle.Asn1;

namespace Pki.Ca.Issuance;

/// <summary>
/// The platform's own object identifiers, under a UUID-derived arc (ITU-T X.667, <c>2.25</c>)
/// so no registration is needed and no collision is possible.
/// </summary>
public static class PlatformObjectIdentifiers
{
    /// <summary>The arc: 2.25.{UUID 843aeb04-36db-497f-8631-db72018b3fd4 as an integer}.</summary>
    public const string Arc = "2.25.175764015361550715795372014225580572628";

    /// <summary>
    /// The platform-roles certificate extension (non-critical): <c>SEQUENCE OF UTF8String</c>
    /// naming the roles (<c>administrator</c>, <c>auditor</c>) the holder has on this platform.
    /// Only the CA writes it, from the profile; a CSR cannot ask for it.
    /// </summary>
    public static DerObjectIdentifier RolesExtension { get; } = new(Arc + ".1.1");
}
