using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>The RFC 5755 §4.4 attributes the authority issues: role, group (department) and clearance.</summary>
internal static class Rfc5755Attributes
{
    /// <summary>id-at-role (RFC 5755 §4.4.5).</summary>
    public const string RoleOid = "2.5.4.72";

    /// <summary>id-aca-group (RFC 5755 §4.4.4).</summary>
    public const string GroupOid = "1.3.6.1.5.5.7.10.4";

    /// <summary>id-at-clearance (RFC 5755 §4.4.6).</summary>
    public const string ClearanceOid = "2.5.4.55";

    /// <summary>Role names are URIs in this namespace, so relying parties can tell platform roles apart.</summary>
    public const string RolePrefix = "urn:securityplatform:role:";

    /// <summary>ClassList's named bits, in order.</summary>
    public static readonly string[] Classes = ["unmarked", "unclassified", "restricted", "confidential", "secret", "topSecret"];

    /// <summary>RoleSyntax ::= SEQUENCE { roleAuthority [0] GeneralNames OPTIONAL, roleName [1] GeneralName }.</summary>
    public static Asn1Encodable Role(string name) => new RoleSyntax(new GeneralName(GeneralName.UniformResourceIdentifier, RolePrefix + name));

    /// <summary>IetfAttrSyntax ::= SEQUENCE { policyAuthority [0] GeneralNames OPTIONAL, values SEQUENCE OF CHOICE { …, string UTF8String } }.</summary>
    public static Asn1Encodable Group(string name) => new DerSequence(new DerSequence(new DerUtf8String(name)));

    /// <summary>
    /// Clearance ::= SEQUENCE { policyId OBJECT IDENTIFIER, classList ClassList DEFAULT {unclassified}, … };
    /// the default is left out, as DER requires.
    /// </summary>
    public static Asn1Encodable Clearance(string policy, int classIndex)
    {
        var oid = new DerObjectIdentifier(policy);
        if (classIndex == 1)
        {
            return new DerSequence(oid);
        }

        // Named bit n is bit n from the most significant end; DER drops trailing zero bits.
        return new DerSequence(oid, new DerBitString([(byte)(0x80 >> classIndex)], 7 - classIndex));
    }
}
