using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;
using Platform.Security;

namespace Pki.Ca.Profiles;

/// <summary>A validated certificate profile, ready for issuance.</summary>
public sealed class CertificateProfile
{
    private static readonly Dictionary<string, int> KeyUsageBits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["digitalSignature"] = Org.BouncyCastle.Asn1.X509.KeyUsage.DigitalSignature,
        ["contentCommitment"] = Org.BouncyCastle.Asn1.X509.KeyUsage.NonRepudiation,
        ["nonRepudiation"] = Org.BouncyCastle.Asn1.X509.KeyUsage.NonRepudiation,
        ["keyEncipherment"] = Org.BouncyCastle.Asn1.X509.KeyUsage.KeyEncipherment,
        ["dataEncipherment"] = Org.BouncyCastle.Asn1.X509.KeyUsage.DataEncipherment,
        ["keyAgreement"] = Org.BouncyCastle.Asn1.X509.KeyUsage.KeyAgreement,
    };

    private static readonly Dictionary<string, DerObjectIdentifier> ExtendedKeyUsages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["serverAuth"] = KeyPurposeID.id_kp_serverAuth,
        ["clientAuth"] = KeyPurposeID.id_kp_clientAuth,
        ["codeSigning"] = KeyPurposeID.id_kp_codeSigning,
        ["emailProtection"] = KeyPurposeID.id_kp_emailProtection,
        ["timeStamping"] = KeyPurposeID.id_kp_timeStamping,
        ["OCSPSigning"] = KeyPurposeID.id_kp_OCSPSigning,
    };

    private static readonly Dictionary<string, DerObjectIdentifier> SubjectAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = X509Name.CN,
        ["O"] = X509Name.O,
        ["OU"] = X509Name.OU,
        ["C"] = X509Name.C,
        ["ST"] = X509Name.ST,
        ["L"] = X509Name.L,
        ["E"] = X509Name.EmailAddress,
        ["SERIALNUMBER"] = X509Name.SerialNumber,
    };

    private static readonly Dictionary<string, int> SanTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dns"] = GeneralName.DnsName,
        ["ip"] = GeneralName.IPAddress,
        ["email"] = GeneralName.Rfc822Name,
        ["uri"] = GeneralName.UniformResourceIdentifier,
    };

    private CertificateProfile(string name, ProfileOptions options)
    {
        Name = name;
        Description = options.Description;
        Validity = TimeSpan.FromDays(options.ValidityDays);
        KeyUsageNames = options.KeyUsage;
        ExtendedKeyUsageNames = options.ExtendedKeyUsage;
        AllowedKeyAlgorithmNames = options.AllowedKeyAlgorithms ?? ProfileOptions.DefaultKeyAlgorithms;
        AllowedSanTypeNames = options.AllowedSanTypes;
        RequireCommonName = options.RequireCommonName;
        ExtendedKeyUsageCritical = options.ExtendedKeyUsageCritical;
        RequireSan = options.RequireSan;
        AllowWildcardDns = options.AllowWildcardDns;
        Roles = options.Roles;
        Ca = string.IsNullOrEmpty(options.Ca) ? null : options.Ca;
        Approvals = options.Approvals;
    }

    /// <summary>The profile's name.</summary>
    public string Name { get; }

    /// <summary>What it is for.</summary>
    public string Description { get; }

    /// <summary>How long certificates are valid (clipped to the issuer's validity).</summary>
    public TimeSpan Validity { get; }

    /// <summary>Key usage names, as configured.</summary>
    public IReadOnlyList<string> KeyUsageNames { get; }

    /// <summary>Extended key usage names, as configured.</summary>
    public IReadOnlyList<string> ExtendedKeyUsageNames { get; }

    /// <summary>Allowed key algorithm names.</summary>
    public IReadOnlyList<string> AllowedKeyAlgorithmNames { get; }

    /// <summary>SAN types copied from CSRs.</summary>
    public IReadOnlyList<string> AllowedSanTypeNames { get; }

    /// <summary>Whether the EKU extension is critical.</summary>
    public bool ExtendedKeyUsageCritical { get; }

    /// <summary>Whether a CN is required.</summary>
    public bool RequireCommonName { get; }

    /// <summary>Whether a SAN is required.</summary>
    public bool RequireSan { get; }

    /// <summary>Whether wildcard DNS names are allowed.</summary>
    public bool AllowWildcardDns { get; }

    /// <summary>Platform roles written into certificates.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The issuing CA the profile is bound to, or null for the default one.</summary>
    public string? Ca { get; }

    /// <summary>
    /// Whether its certificates are the platform's own TLS credentials: a certificate carrying
    /// platform roles is presented to the HTTPS listener, so its chain must be one TLS stacks verify.
    /// </summary>
    public bool IsTransportCredential => Roles.Count > 0;

    /// <summary>How many registration officers approve a department's request under this profile.</summary>
    public int Approvals { get; }

    internal int KeyUsageFlags { get; private init; }

    internal IReadOnlyList<DerObjectIdentifier> ExtendedKeyUsageOids { get; private init; } = [];

    internal IReadOnlySet<KeyAlgorithm> AllowedKeyAlgorithms { get; private init; } = new HashSet<KeyAlgorithm>();

    internal IReadOnlySet<DerObjectIdentifier> AllowedSubjectAttributes { get; private init; } = new HashSet<DerObjectIdentifier>();

    internal IReadOnlySet<int> AllowedSanTags { get; private init; } = new HashSet<int>();

    /// <summary>Validates configured options; a bad profile stops the platform from starting.</summary>
    public static CertificateProfile Create(string name, ProfileOptions options)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw Invalid(name, "a profile name holds letters, digits and '-' only");
        }

        if (options.ValidityDays is < 1 or > 36500)
        {
            throw Invalid(name, $"ValidityDays {options.ValidityDays} is outside 1..36500");
        }

        var keyAlgorithms = new HashSet<KeyAlgorithm>();
        foreach (var algorithm in options.AllowedKeyAlgorithms ?? ProfileOptions.DefaultKeyAlgorithms)
        {
            if (!KeyAlgorithmNames.TryParse(algorithm, out var parsed))
            {
                throw Invalid(name, $"unknown key algorithm '{algorithm}' (known: {string.Join(", ", KeyAlgorithmNames.All)})");
            }

            keyAlgorithms.Add(parsed);
        }

        if (options.Approvals is < 1 or > 2)
        {
            throw Invalid(name, $"Approvals {options.Approvals} is outside 1..2");
        }

        foreach (var role in options.Roles.Where(r => r is not PlatformRoles.Administrator and not PlatformRoles.Auditor))
        {
            throw Invalid(name, $"unknown role '{role}'");
        }

        return new CertificateProfile(name, options)
        {
            KeyUsageFlags = options.KeyUsage.Aggregate(0, (flags, usage) => flags | Lookup(KeyUsageBits, usage, name, "key usage")),
            ExtendedKeyUsageOids = [.. options.ExtendedKeyUsage.Select(e => ExtendedKeyUsage(e, name))],
            AllowedKeyAlgorithms = keyAlgorithms,
            AllowedSubjectAttributes = (options.AllowedSubjectAttributes ?? ProfileOptions.DefaultSubjectAttributes).Select(a => Lookup(SubjectAttributes, a, name, "subject attribute")).ToHashSet(),
            AllowedSanTags = options.AllowedSanTypes.Select(s => Lookup(SanTypes, s, name, "SAN type")).ToHashSet(),
        };
    }

    private static DerObjectIdentifier ExtendedKeyUsage(string value, string profile)
    {
        if (ExtendedKeyUsages.TryGetValue(value, out var oid))
        {
            return oid;
        }

        return DerObjectIdentifier.TryFromID(value, out var custom)
            ? custom
            : throw Invalid(profile, $"unknown extended key usage '{value}'");
    }

    private static T Lookup<T>(Dictionary<string, T> table, string key, string profile, string what) =>
        table.TryGetValue(key, out var value)
            ? value
            : throw Invalid(profile, $"unknown {what} '{key}' (known: {string.Join(", ", table.Keys)})");

    private static InvalidOperationException Invalid(string profile, string reason) =>
        new($"Certificate profile '{profile}' is invalid: {reason}.");
}
