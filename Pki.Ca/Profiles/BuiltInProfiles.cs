namespace Pki.Ca.Profiles;

/// <summary>The profiles every installation has unless configuration replaces them.</summary>
internal static class BuiltInProfiles
{
    public static IReadOnlyDictionary<string, ProfileOptions> All { get; } = new Dictionary<string, ProfileOptions>(StringComparer.Ordinal)
    {
        ["tls-server"] = new()
        {
            Description = "TLS server: serverAuth, DNS names and IP addresses",
            ValidityDays = 397,
            KeyUsage = ["digitalSignature", "keyEncipherment"],
            ExtendedKeyUsage = ["serverAuth"],
            AllowedSanTypes = ["dns", "ip"],
            RequireSan = true,
        },
        ["tls-client"] = new()
        {
            Description = "TLS client: clientAuth for staff and systems",
            ValidityDays = 365,
            KeyUsage = ["digitalSignature", "keyEncipherment"],
            ExtendedKeyUsage = ["clientAuth"],
            AllowedSanTypes = ["email", "dns", "uri"],
            RequireCommonName = true,
        },
        ["document-signing"] = new()
        {
            Description = "Document signing: digitalSignature and contentCommitment (non-repudiation)",
            ValidityDays = 730,
            KeyUsage = ["digitalSignature", "contentCommitment"],
            ExtendedKeyUsage = [],
            AllowedSanTypes = ["email"],
            RequireCommonName = true,
        },
        ["encryption"] = new()
        {
            Description = "Encryption (GM/T 0014 dual pair): keyEncipherment, dataEncipherment, keyAgreement as the key type performs them; its key is generated and escrowed by the platform",
            ValidityDays = 730,
            KeyUsage = ["keyEncipherment", "dataEncipherment", "keyAgreement"],
            ExtendedKeyUsage = [],
            AllowedSanTypes = ["email", "dns", "uri", "ip"],
        },
        ["time-stamping"] = new()
        {
            Description = "Time-stamp authority: the sole, critical extended key usage timeStamping (RFC 3161 §2.3)",
            ValidityDays = 5 * 365,
            KeyUsage = ["digitalSignature", "contentCommitment"],
            ExtendedKeyUsage = ["timeStamping"],
            ExtendedKeyUsageCritical = true,
            RequireCommonName = true,
        },
        ["attribute-authority"] = new()
        {
            Description = "Attribute authority (RFC 5755): signs attribute certificates; digitalSignature, no extended key usage",
            ValidityDays = 2 * 365,
            KeyUsage = ["digitalSignature"],
            ExtendedKeyUsage = [],
            RequireCommonName = true,
        },
        ["gateway"] = new()
        {
            Description = "Gateway: signs the identity it sends to upstream applications (RFC 9421); digitalSignature, no extended key usage",
            ValidityDays = 2 * 365,
            KeyUsage = ["digitalSignature"],
            ExtendedKeyUsage = [],
            RequireCommonName = true,
        },
        ["administrator"] = new()
        {
            Description = "Platform administrator: clientAuth with the administrator role",
            ValidityDays = 365,
            KeyUsage = ["digitalSignature"],
            ExtendedKeyUsage = ["clientAuth"],
            AllowedSanTypes = ["email"],
            RequireCommonName = true,
            Roles = ["administrator"],
        },
        ["auditor"] = new()
        {
            Description = "Security officer: clientAuth with the auditor role (reads the audit trail)",
            ValidityDays = 365,
            KeyUsage = ["digitalSignature"],
            ExtendedKeyUsage = ["clientAuth"],
            AllowedSanTypes = ["email"],
            RequireCommonName = true,
            Roles = ["auditor"],
        },
    };
}
