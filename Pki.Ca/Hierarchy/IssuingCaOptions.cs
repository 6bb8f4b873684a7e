namespace Pki.Ca.Hierarchy;

/// <summary>An issuing CA under <c>Pki:Hierarchies:&lt;name&gt;:IssuingCas:&lt;ca&gt;</c>.</summary>
public sealed class IssuingCaOptions
{
    /// <summary>Its subject; default <c>CN=SecurityPlatform &lt;ca&gt; CA,O=SecurityPlatform</c>.</summary>
    public string? Subject { get; set; }

    /// <summary>Its validity in days (never beyond its root's).</summary>
    public int ValidityDays { get; set; } = 10 * 365;
}
