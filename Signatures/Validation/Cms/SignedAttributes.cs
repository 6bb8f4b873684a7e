using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace Signatures.Validation.Cms;

/// <summary>Reads attributes of a SignerInfo, refusing the ambiguous ones (RFC 5652 §5.3: these attributes have one value, once).</summary>
internal static class SignedAttributes
{
    /// <summary>The single value of the attribute <paramref name="type"/> in <paramref name="attributes"/>; null when absent or ambiguous (<paramref name="ambiguous"/> says which).</summary>
    public static Asn1Encodable? Single(Asn1Set? attributes, DerObjectIdentifier type, out bool ambiguous)
    {
        ambiguous = false;
        var found = All(attributes, type).ToList();
        if (found.Count == 0)
        {
            return null;
        }

        if (found.Count > 1 || found[0].AttrValues.Count != 1)
        {
            ambiguous = true;
            return null;
        }

        return found[0].AttrValues[0];
    }

    /// <summary>Every attribute of <paramref name="type"/>.</summary>
    public static IEnumerable<CmsAttribute> All(Asn1Set? attributes, DerObjectIdentifier type) =>
        (attributes ?? new DerSet()).Cast<Asn1Encodable>().Select(CmsAttribute.GetInstance).Where(a => a.AttrType.Equals(type));

    /// <summary>The signing-time attribute (claimed by the signer), when present and readable.</summary>
    public static DateTimeOffset? SigningTime(Asn1Set? attributes)
    {
        if (Single(attributes, CmsAttributes.SigningTime, out _) is not { } value)
        {
            return null;
        }

        try
        {
            return new DateTimeOffset(Time.GetInstance(value).ToDateTime().ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (SignedDataReader.IsMalformed(e))
        {
            return null;
        }
    }
}
