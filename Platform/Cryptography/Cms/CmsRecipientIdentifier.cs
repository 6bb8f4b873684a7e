using Org.BouncyCastle.Asn1.X509;

namespace Platform.Cryptography.Cms;

/// <summary>
/// How a recipient of a CMS envelope is named in it (RFC 5652 §6.2.1): by the issuer and serial
/// number of its certificate, or by a subject key identifier. Exactly one of the two is set.
/// </summary>
/// <param name="Issuer">The certificate's issuer, with <paramref name="SerialNumber"/>.</param>
/// <param name="SerialNumber">The certificate's serial number, lowercase hexadecimal without leading zeros.</param>
/// <param name="SubjectKeyIdentifier">The key identifier, when the recipient is named that way.</param>
public sealed record CmsRecipientIdentifier(X509Name? Issuer, string? SerialNumber, byte[]? SubjectKeyIdentifier)
{
    /// <summary>Whether the two name the same recipient.</summary>
    public bool Matches(CmsRecipientIdentifier other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SubjectKeyIdentifier is not null
            ? other.SubjectKeyIdentifier is not null && SubjectKeyIdentifier.AsSpan().SequenceEqual(other.SubjectKeyIdentifier)
            : other.Issuer is not null && Issuer is not null && SerialNumber == other.SerialNumber && Issuer.Equivalent(other.Issuer);
    }

    /// <summary>For logs and audit events: <c>issuer=…, serial=…</c> or <c>keyId=…</c>.</summary>
    public override string ToString() => SubjectKeyIdentifier is not null
        ? "keyId=" + Convert.ToHexStringLower(SubjectKeyIdentifier)
        : $"issuer={Issuer}, serial={SerialNumber}";
}
