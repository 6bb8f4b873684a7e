using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Issuance;

namespace Pki.Ca.Registration;

/// <summary>
/// Whether the names a CSR asks for are the department's: every DNS name at or under one of its
/// DNS suffixes (a common name that is a host name, and the host of a URI, count as DNS names: old
/// clients still read the first), every e-mail address (SAN or subject E) at one of its e-mail
/// domains, and the subject's O, when present, its organisation. A department without a kind of
/// name space may request none of that kind; departments have no IP address space, so an IP
/// address is never theirs.
/// </summary>
internal static class DepartmentNameSpaces
{
    /// <summary>Why a name is outside, or null when all are inside.</summary>
    public static string? Outside(Department department, ParsedCsr csr)
    {
        foreach (var organization in Values(csr.Subject, X509Name.O))
        {
            if (!string.Equals(organization, department.Organization, StringComparison.Ordinal))
            {
                return department.Organization is null
                    ? $"Department '{department.Name}' has no organisation name; the subject may not carry O={organization}."
                    : $"The subject's O must be '{department.Organization}', not '{organization}'.";
            }
        }

        if (csr.SubjectAlternativeNames.FirstOrDefault(n => n.TagNo == GeneralName.IPAddress) is { } ip)
        {
            return $"The IP address {ProfilePolicy.Text(ip)} is not a department's name: request DNS names under its suffixes.";
        }

        var uriHosts = new List<string>();
        foreach (var uri in csr.SubjectAlternativeNames.Where(n => n.TagNo == GeneralName.UniformResourceIdentifier).Select(ProfilePolicy.Text))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.HostNameType != UriHostNameType.Dns)
            {
                return $"The URI '{uri}' names no DNS host of department '{department.Name}'.";
            }

            uriHosts.Add(parsed.IdnHost);
        }

        var dnsNames = csr.SubjectAlternativeNames.Where(n => n.TagNo == GeneralName.DnsName).Select(ProfilePolicy.Text)
            .Concat(Values(csr.Subject, X509Name.CN).Where(cn => cn.Contains('.', StringComparison.Ordinal) && ProfilePolicy.IsDnsName(cn, allowWildcard: true)))
            .Concat(uriHosts);
        foreach (var name in dnsNames)
        {
            if (!department.DnsSuffixes.Any(suffix => IsAtOrUnder(name.ToLowerInvariant(), suffix)))
            {
                return $"The DNS name '{name}' is not at or under {Listed(department.DnsSuffixes, "DNS suffixes")} of department '{department.Name}'.";
            }
        }

        var addresses = csr.SubjectAlternativeNames.Where(n => n.TagNo == GeneralName.Rfc822Name).Select(ProfilePolicy.Text)
            .Concat(Values(csr.Subject, X509Name.EmailAddress));
        foreach (var address in addresses)
        {
            var domain = address[(address.LastIndexOf('@') + 1)..].ToLowerInvariant();
            if (!department.EmailDomains.Contains(domain, StringComparer.Ordinal))
            {
                return $"The e-mail address '{address}' is not at {Listed(department.EmailDomains, "e-mail domains")} of department '{department.Name}'.";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="name"/> (a DNS name, lower case) is at or under one of the department's DNS suffixes.</summary>
    public static bool HoldsDnsName(Department department, string name) => department.DnsSuffixes.Any(suffix => IsAtOrUnder(name, suffix));

    private static bool IsAtOrUnder(string name, string suffix) =>
        name == suffix || (name.EndsWith(suffix, StringComparison.Ordinal) && name[name.Length - suffix.Length - 1] == '.');

    private static string Listed(IReadOnlyList<string> names, string kinds) =>
        names.Count == 0 ? $"any of the {kinds} (it has none)" : $"one of the {kinds} ({string.Join(", ", names)})";

    private static IEnumerable<string> Values(X509Name subject, Org.BouncyCastle.Asn1.DerObjectIdentifier attribute) =>
        subject.GetValueList(attribute).Cast<string>();
}
