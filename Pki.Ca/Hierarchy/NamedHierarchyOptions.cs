namespace Pki.Ca.Hierarchy;

/// <summary>
/// A hierarchy under <c>Pki:Hierarchies:&lt;name&gt;</c>: a root CA <c>&lt;name&gt;-root</c> and
/// the issuing CAs it signs, all with one key algorithm. Read on the first start that names it;
/// later changes to an existing CA's settings are ignored.
/// </summary>
public sealed class NamedHierarchyOptions
{
    /// <summary><c>ECDSA-P256</c> (default), <c>ECDSA-P384</c>, <c>RSA-3072</c>, <c>Ed25519</c> or <c>SM2</c>.</summary>
    public string Algorithm { get; set; } = "ECDSA-P256";

    /// <summary>The root CA's subject; default <c>CN=SecurityPlatform &lt;name&gt; Root CA,O=SecurityPlatform</c>.</summary>
    public string? RootSubject { get; set; }

    /// <summary>The root CA's validity in days.</summary>
    public int RootValidityDays { get; set; } = 20 * 365;

    /// <summary>The issuing CAs by name; without any, one named <c>&lt;name&gt;-issuing</c>.</summary>
    public Dictionary<string, IssuingCaOptions> IssuingCas { get; set; } = new(StringComparer.Ordinal);
}
