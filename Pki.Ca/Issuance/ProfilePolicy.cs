using System.Globalization;
using System.Net;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1;
using Pki.Ca.Profiles;
using Platform.Http;

namespace Pki.Ca.Issuance;

/// <summary>Checks a parsed request against a profile: key, subject and SANs.</summary>
internal static class ProfilePolicy
{
    public static IssuanceError? Check(CertificateProfile profile, ParsedCsr csr)
    {
        if (csr.Key.Algorithm is not { } algorithm || !profile.AllowedKeyAlgorithms.Contains(algorithm))
        {
            return new(ProblemCodes.KeyNotAllowed,
                $"Profile '{profile.Name}' does not allow {csr.Key.Description} keys (allowed: {string.Join(", ", profile.AllowedKeyAlgorithmNames)}).");
        }

        return CheckSubject(profile, csr) ?? CheckSans(profile, csr);
    }

    private static IssuanceError? CheckSubject(CertificateProfile profile, ParsedCsr csr)
    {
        var types = csr.Subject.GetOidList();
        var values = csr.Subject.GetValueList();
        for (var i = 0; i < types.Count; i++)
        {
            if (!profile.AllowedSubjectAttributes.Contains(types[i]))
            {
                var name = X509Name.DefaultSymbols.TryGetValue(types[i], out var symbol) ? symbol : types[i].Id;
                return new(ProblemCodes.SubjectAttributeForbidden, $"Profile '{profile.Name}' does not allow the subject attribute {name}.");
            }

            if (values[i].Length is 0 or > 256 || values[i].Any(char.IsControl))
            {
                return new(ProblemCodes.SubjectInvalid, "Subject attribute values must be 1 to 256 printable characters.");
            }
        }

        var commonNames = csr.Subject.GetValueList(X509Name.CN);
        if (profile.RequireCommonName && commonNames.Count == 0)
        {
            return new(ProblemCodes.CommonNameRequired, $"Profile '{profile.Name}' requires a common name (CN) in the subject.");
        }

        return null;
    }

    private static IssuanceError? CheckSans(CertificateProfile profile, ParsedCsr csr)
    {
        foreach (var name in csr.SubjectAlternativeNames)
        {
            if (!profile.AllowedSanTags.Contains(name.TagNo))
            {
                return new(ProblemCodes.SanForbidden,
                    $"Profile '{profile.Name}' does not allow a {TypeName(name.TagNo)} subject alternative name (allowed: {string.Join(", ", profile.AllowedSanTypeNames)}).");
            }

            if (Invalid(name, profile) is { } reason)
            {
                return new(ProblemCodes.SanInvalid, reason);
            }
        }

        if (profile.RequireSan && csr.SubjectAlternativeNames.Count == 0)
        {
            return new(ProblemCodes.SanRequired, $"Profile '{profile.Name}' requires at least one subject alternative name.");
        }

        if (csr.Subject.GetOidList().Count == 0 && csr.SubjectAlternativeNames.Count == 0)
        {
            return new(ProblemCodes.SubjectInvalid, "A certificate needs a subject or a subject alternative name.");
        }

        // A server name in the CN must also be a SAN: clients match SANs only (RFC 6125).
        if (profile.RequireSan)
        {
            var sans = csr.SubjectAlternativeNames.Select(Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var commonName in csr.Subject.GetValueList(X509Name.CN))
            {
                if (!sans.Contains(commonName))
                {
                    return new(ProblemCodes.CommonNameNotInSan, $"The common name '{commonName}' must also be a subject alternative name.");
                }
            }
        }

        return null;
    }

    private static string? Invalid(GeneralName name, CertificateProfile profile) => name.TagNo switch
    {
        GeneralName.DnsName => IsDnsName(Text(name), profile.AllowWildcardDns) ? null : $"'{Text(name)}' is not a valid DNS name.",
        GeneralName.IPAddress => Asn1OctetString.GetInstance(name.Name).GetOctets().Length is 4 or 16 ? null : "An IP address SAN must be 4 or 16 bytes.",
        GeneralName.Rfc822Name => IsEmail(Text(name)) ? null : $"'{Text(name)}' is not a valid e-mail address.",
        GeneralName.UniformResourceIdentifier => Uri.TryCreate(Text(name), UriKind.Absolute, out _) ? null : $"'{Text(name)}' is not an absolute URI.",
        _ => null,
    };

    internal static string Text(GeneralName name) => name.TagNo == GeneralName.IPAddress
        ? new IPAddress(Asn1OctetString.GetInstance(name.Name).GetOctets()).ToString()
        : DerIA5String.GetInstance(name.Name).GetString();

    internal static bool IsDnsName(string name, bool allowWildcard)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (i == 0 && label == "*" && allowWildcard && labels.Length > 2)
            {
                continue;
            }

            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEmail(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1
            && address.All(c => c > ' ' && c < 127);
    }

    private static string TypeName(int tag) => tag switch
    {
        GeneralName.DnsName => "dns",
        GeneralName.IPAddress => "ip",
        GeneralName.Rfc822Name => "email",
        GeneralName.UniformResourceIdentifier => "uri",
        _ => "type-" + tag.ToString(CultureInfo.InvariantCulture),
    };
}
