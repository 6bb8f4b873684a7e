using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Platform.Security;

/// <summary>
/// Writes and reads the platform roles of a client certificate as X.509 role attributes
/// (<c>id-at-role</c>, 2.5.4.72, RFC 5755 §4.4.5) in the standard Subject Directory Attributes
/// extension (RFC 5280 §4.2.1.8), each role named by a URI <c>urn:securityplatform:role:&lt;name&gt;</c>.
/// Standard OIDs only, so every X.509 parser (Go, GnuTLS, OpenSSL) reads the certificate; only
/// the CA writes the attribute, from the profile, never from a CSR.
/// </summary>
public static class PlatformRolesAttribute
{
    /// <summary>The URI prefix of role names.</summary>
    public const string UriPrefix = "urn:securityplatform:role:";

    private static readonly DerObjectIdentifier Role = new("2.5.4.72");

    /// <summary>The extension value carrying <paramref name="roles"/>.</summary>
    public static Asn1Encodable Encode(IEnumerable<string> roles)
    {
        var values = roles.Select(r => (Asn1Encodable)new DerSequence(
            new DerTaggedObject(true, 1, new GeneralName(GeneralName.UniformResourceIdentifier, UriPrefix + r)))).ToArray();
        return new DerSequence(new DerSequence(Role, new DerSet(values)));
    }

    /// <summary>The platform roles in a Subject Directory Attributes extension value; empty when none or malformed.</summary>
    public static IReadOnlyList<string> Decode(Asn1OctetString? extensionValue)
    {
        if (extensionValue is null)
        {
            return [];
        }

        try
        {
            var roles = new List<string>();
            foreach (var attribute in Asn1Sequence.GetInstance(extensionValue.GetOctets()).Cast<Asn1Encodable>().Select(e => Asn1Sequence.GetInstance(e)))
            {
                if (!DerObjectIdentifier.GetInstance(attribute[0]).Equals(Role))
                {
                    continue;
                }

                foreach (var value in Asn1Set.GetInstance(attribute[1]).Cast<Asn1Encodable>().Select(e => Asn1Sequence.GetInstance(e)))
                {
                    // RoleSyntax ::= SEQUENCE { roleAuthority [0] GeneralNames OPTIONAL, roleName [1] GeneralName }
                    var roleName = value.Cast<Asn1Encodable>().Select(e => Asn1TaggedObject.GetInstance(e)).FirstOrDefault(t => t.TagNo == 1);
                    var name = roleName is null ? null : GeneralName.GetInstance(roleName.GetExplicitBaseObject());
                    if (name?.TagNo == GeneralName.UniformResourceIdentifier
                        && DerIA5String.GetInstance(name.Name).GetString() is { } uri && uri.StartsWith(UriPrefix, StringComparison.Ordinal))
                    {
                        roles.Add(uri[UriPrefix.Length..]);
                    }
                }
            }

            return roles;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return [];
        }
    }
}
