using System.Diagnostics.Metrics;

namespace Signatures.Metrics;

/// <summary>
/// The signature service's instruments, meter <c>SecurityPlatform.Signatures</c>: department
/// seals applied by CAdES level (<c>B-B</c>, <c>B-T</c>, <c>B-LT</c>, <c>B-LTA</c>) and seal
/// requests refused by their catalogued problem code. Never a department or a signer.
/// </summary>
public sealed class SignatureMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SecurityPlatform.Signatures";

    private readonly Counter<long> seals;
    private readonly Counter<long> refused;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public SignatureMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        seals = meter.CreateCounter<long>("securityplatform.signatures.seals", "{signature}",
            "Department seals applied, by CAdES level.");
        refused = meter.CreateCounter<long>("securityplatform.signatures.seals.refused", "{request}",
            "Seal requests refused, by problem code (seal-use-denied, signature-level-unavailable, …).");
    }

    /// <summary>Counts one seal applied at <paramref name="level"/> (a CAdES level name).</summary>
    public void Sealed(string level) => seals.Add(1, new KeyValuePair<string, object?>("level", level));

    /// <summary>Counts one seal request refused with <paramref name="code"/> (a catalogued problem code).</summary>
    public void Refused(string code) => refused.Add(1, new KeyValuePair<string, object?>("code", code));
}
