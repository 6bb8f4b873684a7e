using Org.BouncyCastle.Asn1.X509;

namespace Pki.Ca.Revocation;

/// <summary>The RFC 5280 §5.3.1 reason codes, by the names the API uses.</summary>
public static class RevocationReasons
{
    /// <summary>Puts a certificate on hold: the only revocation that can be lifted.</summary>
    public const string CertificateHold = "certificateHold";

    /// <summary>Lifts a hold (RFC 5280: removeFromCRL, used in delta CRLs).</summary>
    public const string RemoveFromCrl = "removeFromCRL";

    private static readonly Dictionary<string, int> Codes = new(StringComparer.Ordinal)
    {
        ["unspecified"] = CrlReason.Unspecified,
        ["keyCompromise"] = CrlReason.KeyCompromise,
        ["cACompromise"] = CrlReason.CACompromise,
        ["affiliationChanged"] = CrlReason.AffiliationChanged,
        ["superseded"] = CrlReason.Superseded,
        ["cessationOfOperation"] = CrlReason.CessationOfOperation,
        [CertificateHold] = CrlReason.CertificateHold,
        [RemoveFromCrl] = CrlReason.RemoveFromCrl,
        ["privilegeWithdrawn"] = CrlReason.PrivilegeWithdrawn,
        ["aACompromise"] = CrlReason.AACompromise,
    };

    /// <summary>The names accepted by the revoke endpoint.</summary>
    public static IEnumerable<string> Names => Codes.Keys;

    /// <summary>Finds a reason by its exact RFC 5280 name.</summary>
    public static bool TryGetCode(string? name, out int code) => Codes.TryGetValue(name ?? "", out code);

    /// <summary>The RFC 5280 name of a reason code, as a CRL entry or an OCSP answer carries it; null for a code RFC 5280 does not define.</summary>
    public static string? NameOf(int code) => Codes.FirstOrDefault(pair => pair.Value == code).Key;

    /// <summary>The code of a stored reason name; unspecified for anything unknown.</summary>
    public static int CodeOf(string? name) => TryGetCode(name, out var code) ? code : CrlReason.Unspecified;
}
