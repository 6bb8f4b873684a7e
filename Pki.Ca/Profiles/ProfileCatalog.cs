namespace Pki.Ca.Profiles;

/// <summary>The profiles this installation issues under: the built-in ones, overridden and extended by configuration.</summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, CertificateProfile> profiles;

    /// <summary>Validates every profile; throws with a clear message on the first bad one.</summary>
    public ProfileCatalog(CaOptions options)
    {
        var merged = new Dictionary<string, ProfileOptions>(BuiltInProfiles.All, StringComparer.Ordinal);
        foreach (var (name, profile) in options.Profiles)
        {
            merged[name] = profile;
        }

        profiles = merged.ToDictionary(p => p.Key, p => CertificateProfile.Create(p.Key, p.Value), StringComparer.Ordinal);
    }

    /// <summary>All profiles, by name.</summary>
    public IEnumerable<CertificateProfile> All => profiles.Values.OrderBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>Finds a profile by its exact name.</summary>
    public bool TryGet(string? name, out CertificateProfile profile) =>
        profiles.TryGetValue(name ?? "", out profile!);
}
