using Pki.Ca.Hierarchy;
using Pki.Ca.Profiles;

namespace Pki.Ca;

/// <summary>The <c>Pki</c> configuration section.</summary>
public sealed class CaOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Pki";

    /// <summary>The default hierarchy (CAs <c>root</c> and <c>issuing</c>), created on first start.</summary>
    public HierarchyOptions Hierarchy { get; set; } = new();

    /// <summary>Further hierarchies by name, each a root and its issuing CAs, created on the first start that names them.</summary>
    public Dictionary<string, NamedHierarchyOptions> Hierarchies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The hierarchy the platform's own TLS credentials (HTTPS listener, administrator and
    /// officer client certificates) come from: <c>default</c> or a name under
    /// <c>Hierarchies</c>. Unset: the default hierarchy when TLS stacks accept its algorithm,
    /// otherwise <c>transport</c> (configured under <c>Hierarchies</c>, or built in as ECDSA P-256).
    /// </summary>
    public string? TransportHierarchy { get; set; }

    /// <summary>Revocation across nodes.</summary>
    public RevocationOptions Revocation { get; set; } = new();

    /// <summary>CRL publication.</summary>
    public CrlOptions Crl { get; set; } = new();

    /// <summary>The OCSP responder.</summary>
    public OcspOptions Ocsp { get; set; } = new();

    /// <summary>The bootstrap administrator's certificate: when to warn before it expires.</summary>
    public AdministratorOptions Administrator { get; set; } = new();

    /// <summary>The registration authority: departments' certificate requests.</summary>
    public RegistrationOptions Registration { get; set; } = new();

    /// <summary><c>Pki:Acme</c>: the ACME server.</summary>
    public AcmeOptions Acme { get; set; } = new();

    /// <summary>Certificate profiles by name; they add to, or replace, the built-in ones.</summary>
    public Dictionary<string, ProfileOptions> Profiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Throws with a clear message when a setting is out of range, so a bad configuration refuses to boot.</summary>
    public void Validate()
    {
        Require(Revocation.SyncIntervalSeconds is >= 0.05 and <= 3600, "Revocation:SyncIntervalSeconds must be between 0.05 and 3600.");
        Require(Crl.ValidityHours is >= 0.01 and <= 24 * 366, "Crl:ValidityHours must be between 0.01 and 8784.");
        Require(Crl.CheckIntervalSeconds is >= 0.05 and <= 86_400, "Crl:CheckIntervalSeconds must be between 0.05 and 86400.");
        Require(Ocsp.ValidityMinutes is >= 1 and <= 7 * 24 * 60, "Ocsp:ValidityMinutes must be between 1 and 10080 (a week).");
        Require(Ocsp.ResponderCertificateDays is >= 1 and <= 366, "Ocsp:ResponderCertificateDays must be between 1 and 366.");
        Require(Ocsp.CacheSize is >= 1 and <= 100_000_000, "Ocsp:CacheSize must be between 1 and 100000000.");
        Require(Administrator.ExpiryWarningDays is >= 1 and <= 365, "Administrator:ExpiryWarningDays must be between 1 and 365.");
        Require(Registration.RequestLifetime >= TimeSpan.FromSeconds(1) && Registration.RequestLifetime <= TimeSpan.FromDays(90),
            "Registration:RequestLifetime must be between 00:00:01 and 90.00:00:00.");
        Require(Registration.EnrollmentSecretLifetime >= TimeSpan.FromSeconds(1) && Registration.EnrollmentSecretLifetime <= TimeSpan.FromDays(30),
            "Registration:EnrollmentSecretLifetime must be between 00:00:01 and 30.00:00:00.");
        Acme.Validate();
        Require(Administrator.ExpiryCheckHours is >= 0.01 and <= 24 * 7, "Administrator:ExpiryCheckHours must be between 0.01 and 168.");
        Escrow.EscrowOptionsValidation.Validate(this);
        HierarchyLayout.Validate(this);
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{Section}:{message}");
        }
    }
}

/// <summary>The <c>Pki:Hierarchy</c> section: read on first start only.</summary>
public sealed class HierarchyOptions
{
    /// <summary><c>ECDSA-P256</c> (default), <c>ECDSA-P384</c>, <c>RSA-3072</c>, <c>Ed25519</c> or <c>SM2</c>.</summary>
    public string Algorithm { get; set; } = "ECDSA-P256";

    /// <summary>The root CA's subject.</summary>
    public string RootSubject { get; set; } = "CN=SecurityPlatform Root CA,O=SecurityPlatform";

    /// <summary>The issuing CA's subject.</summary>
    public string IssuingSubject { get; set; } = "CN=SecurityPlatform Issuing CA,O=SecurityPlatform";

    /// <summary>The root CA's validity in days.</summary>
    public int RootValidityDays { get; set; } = 20 * 365;

    /// <summary>The issuing CA's validity in days.</summary>
    public int IssuingValidityDays { get; set; } = 10 * 365;
}

/// <summary>The <c>Pki:Revocation</c> section.</summary>
public sealed class RevocationOptions
{
    /// <summary>
    /// How often a node reads the revocations and CRLs other nodes sharing its database
    /// committed, in seconds. On PostgreSQL a committed change wakes the nodes at once; this
    /// bounds the delay when that signal is lost.
    /// </summary>
    public double SyncIntervalSeconds { get; set; } = 2;
}

/// <summary>The <c>Pki:Crl</c> section.</summary>
public sealed class CrlOptions
{
    /// <summary>How long a CRL is valid (nextUpdate − thisUpdate), in hours.</summary>
    public double ValidityHours { get; set; } = 24;

    /// <summary>How often the schedule looks for CRLs past half their validity, in seconds.</summary>
    public double CheckIntervalSeconds { get; set; } = 60;
}

/// <summary>The <c>Pki:Ocsp</c> section.</summary>
public sealed class OcspOptions
{
    /// <summary>How long a response is valid (nextUpdate − thisUpdate), in minutes.</summary>
    public double ValidityMinutes { get; set; } = 60;

    /// <summary>The validity of the delegated responder certificates, in days; renewed at a third of it remaining.</summary>
    public int ResponderCertificateDays { get; set; } = 30;

    /// <summary>How many pre-signed responses are kept.</summary>
    public int CacheSize { get; set; } = 200_000;
}
