namespace Pki.Ca.Registration;

/// <summary>
/// A department that obtains certificates through the registration authority: the names it may
/// request (DNS suffixes, e-mail domains, its organisation name), the profiles it may use, and how
/// many valid certificates it may hold at once (its own requests still open count too).
/// </summary>
/// <param name="Name">Its name: the Cedar entity <c>Department::"&lt;name&gt;"</c> its people belong to.</param>
/// <param name="DisplayName">How people call it.</param>
/// <param name="Organization">The subject's O its certificates carry (must carry, when set), or null for none.</param>
/// <param name="DnsSuffixes">DNS names it may request: each suffix and the names under it.</param>
/// <param name="EmailDomains">E-mail addresses it may request: those at each domain.</param>
/// <param name="Profiles">The certificate profiles it may request.</param>
/// <param name="MaxCertificates">Its quota of valid certificates, or null for none.</param>
/// <param name="CreatedAt">When it was defined.</param>
/// <param name="UpdatedAt">When its definition last changed.</param>
internal sealed record Department(
    string Name,
    string DisplayName,
    string? Organization,
    IReadOnlyList<string> DnsSuffixes,
    IReadOnlyList<string> EmailDomains,
    IReadOnlyList<string> Profiles,
    int? MaxCertificates,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
