using Pki.Ca.Profiles;
using Platform.Authorization;
using Pki.Ca.Issuance;
using System.ComponentModel.DataAnnotations;

namespace Pki.Ca.Registration;

/// <summary>A department as an administrator defines it (<c>POST /pki/departments</c>, <c>PUT /pki/departments/{name}</c>, where the path names it).</summary>
public sealed record DepartmentDefinition(
    string? Name, [property: Required] string? DisplayName, string? Organization, List<string>? DnsSuffixes, List<string>? EmailDomains, List<string>? Profiles,
    int? MaxCertificates)
{
    private const int MaxNames = 64;

    /// <summary>The department this defines, or what is wrong with it.</summary>
    internal (Department? Department, string? Error) Validate(string name, ProfileCatalog profiles, DateTimeOffset createdAt, DateTimeOffset now)
    {
        if (!EntityNames.IsValid(name))
        {
            return (null, "name is 1 to 64 letters, digits, '.', '_' and '-'.");
        }

        if (DisplayName is not { Length: > 0 and <= 128 } || DisplayName.Trim().Length != DisplayName.Length || DisplayName.Any(char.IsControl))
        {
            return (null, "displayName is 1 to 128 printable characters, without leading or trailing spaces.");
        }

        if (Organization is not null && (Organization.Length is 0 or > 64 || Organization.Any(char.IsControl) || Organization.Trim().Length != Organization.Length))
        {
            return (null, "organization, when given, is 1 to 64 printable characters: the subject's O.");
        }

        if (Normalized(DnsSuffixes, IsDnsName) is not { } dns)
        {
            return (null, $"dnsSuffixes holds at most {MaxNames} DNS names such as 'finance.city.example' (no wildcards, no trailing dot).");
        }

        if (Normalized(EmailDomains, IsDnsName) is not { } email)
        {
            return (null, $"emailDomains holds at most {MaxNames} domains such as 'finance.city.example'.");
        }

        if (Profiles is not { Count: > 0 and <= MaxNames } || Profiles.Distinct(StringComparer.Ordinal).Count() != Profiles.Count)
        {
            return (null, "profiles names at least one certificate profile the department may request, each once.");
        }

        if (Profiles.FirstOrDefault(p => !profiles.TryGet(p, out var profile) || profile.IsTransportCredential) is { } unknown)
        {
            return (null, $"profiles: '{unknown}' is not a profile a department may request (see GET /pki/profiles; the platform's own credential profiles are not).");
        }

        if (MaxCertificates is < 1 or > 1_000_000)
        {
            return (null, "maxCertificates, when given, is between 1 and 1000000.");
        }

        return (new Department(name, DisplayName, Organization, dns, email, [.. Profiles], MaxCertificates, createdAt, now), null);
    }

    private static List<string>? Normalized(List<string>? names, Func<string, bool> valid)
    {
        if (names is null)
        {
            return [];
        }

        if (names.Count > MaxNames || names.Any(n => n is null || !valid(n)))
        {
            return null;
        }

        return [.. names.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A host name of at least two labels, no wildcard: a name space, not a single name.</summary>
    private static bool IsDnsName(string name) => name.Contains('.', StringComparison.Ordinal) && ProfilePolicy.IsDnsName(name, allowWildcard: false);
}
