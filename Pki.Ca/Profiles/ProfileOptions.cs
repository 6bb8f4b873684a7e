namespace Pki.Ca.Profiles;

/// <summary>
/// A certificate profile as configured under <c>Pki:Profiles:&lt;name&gt;</c>: what a certificate
/// issued under it looks like, and which requests it accepts.
/// </summary>
public sealed class ProfileOptions
{
    /// <summary>What the profile is for.</summary>
    public string Description { get; set; } = "";

    /// <summary>Validity in days (never beyond the issuing CA's).</summary>
    public int ValidityDays { get; set; } = 365;

    /// <summary>RFC 5280 key usage names: digitalSignature, contentCommitment, keyEncipherment, dataEncipherment, keyAgreement.</summary>
    public List<string> KeyUsage { get; set; } = [];

    /// <summary>Extended key usages: serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, or a dotted OID.</summary>
    public List<string> ExtendedKeyUsage { get; set; } = [];

    /// <summary>Whether the extended key usage extension is critical (RFC 3161 demands it for time-stamping).</summary>
    public bool ExtendedKeyUsageCritical { get; set; }

    // The two lists below have defaults, so they start unset: configuration binding adds a list's
    // items to whatever the property already holds, and a profile configured for SM2 alone must
    // not keep allowing every other algorithm.

    /// <summary>Key algorithms a CSR may carry, by configuration name (RSA-2048, ECDSA-P256, …); unset, <see cref="DefaultKeyAlgorithms"/>.</summary>
    public List<string>? AllowedKeyAlgorithms { get; set; }

    /// <summary>Subject attributes a CSR may carry (CN, O, OU, C, ST, L, E, SERIALNUMBER); others are refused. Unset, <see cref="DefaultSubjectAttributes"/>.</summary>
    public List<string>? AllowedSubjectAttributes { get; set; }

    /// <summary>The key algorithms of a profile that names none.</summary>
    public static IReadOnlyList<string> DefaultKeyAlgorithms { get; } = ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384", "Ed25519", "SM2"];

    /// <summary>The subject attributes of a profile that names none.</summary>
    public static IReadOnlyList<string> DefaultSubjectAttributes { get; } = ["CN", "O", "OU", "C", "ST", "L", "E", "SERIALNUMBER"];

    /// <summary>Whether the subject must have a common name.</summary>
    public bool RequireCommonName { get; set; }

    /// <summary>SAN types copied from the CSR: dns, ip, email, uri. Any other SAN in the CSR is refused.</summary>
    public List<string> AllowedSanTypes { get; set; } = [];

    /// <summary>Whether at least one SAN is required.</summary>
    public bool RequireSan { get; set; }

    /// <summary>Whether DNS SANs may be wildcards (<c>*.example.org</c>).</summary>
    public bool AllowWildcardDns { get; set; }

    /// <summary>
    /// The issuing CA certificates under this profile come from, unless a request names another
    /// of the same key algorithm. Unset: the transport CA for profiles that write platform roles
    /// (their certificates authenticate to the HTTPS listener), the default <c>issuing</c> CA otherwise.
    /// </summary>
    public string? Ca { get; set; }

    /// <summary>Platform roles written into the certificate (administrator, auditor).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>
    /// How many registration officers approve a department's request under this profile before it
    /// is issued (1 or 2); never the requester, and two approvals come from two officers.
    /// </summary>
    public int Approvals { get; set; } = 1;
}
