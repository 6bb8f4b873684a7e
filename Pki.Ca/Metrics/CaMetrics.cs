using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Pki.Ca.Metrics;

/// <summary>
/// The CA's instruments, meter <c>SecurityPlatform.Ca</c>. Tags are bounded: CA and profile names
/// (configuration), RFC 5280 reason names, OCSP statuses; never a subject or a serial number.
/// The CRL gauges read what <see cref="Crl.CrlPublisher"/> last published or adopted, per CA.
/// OCSP answers, the platform's busiest path (tens of thousands a second from the cache), are
/// counted in eight plain counters, one per status and cache outcome, and reported when scraped:
/// an atomic increment instead of the metrics pipeline's per-measurement tag lookup.
/// </summary>
public sealed class CaMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SecurityPlatform.Ca";

    private readonly Counter<long> issued;
    private readonly Counter<long> revoked;
    private readonly long[] ocspResponses = new long[8];
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, (DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate)> crls = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public CaMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.time = time;
        var meter = meters.Create(MeterName);
        issued = meter.CreateCounter<long>("securityplatform.ca.certificates.issued", "{certificate}",
            "End-entity certificates issued and stored, by CA and profile.");
        revoked = meter.CreateCounter<long>("securityplatform.ca.certificates.revoked", "{certificate}",
            "Certificates revoked, by CA, profile and RFC 5280 reason.");
        meter.CreateObservableCounter("securityplatform.ca.ocsp.responses", ObserveOcsp, "{response}",
            "OCSP responses served over HTTP, by status (good, revoked, unknown, error) and cache (hit: pre-signed, miss: signed now).");
        meter.CreateObservableGauge("securityplatform.ca.crl.age", ObserveAge, "s",
            "Seconds since thisUpdate of each CA's current full CRL.");
        meter.CreateObservableGauge("securityplatform.ca.crl.validity", ObserveValidity, "s",
            "nextUpdate minus thisUpdate of each CA's current full CRL: the age at which relying parties consider it stale.");
    }

    /// <summary>Counts one certificate issued and stored.</summary>
    public void CertificateIssued(string ca, string profile) =>
        issued.Add(1, new KeyValuePair<string, object?>("ca", ca), new KeyValuePair<string, object?>("profile", profile));

    /// <summary>Counts one revocation (<paramref name="reason"/> is a validated RFC 5280 reason name).</summary>
    public void CertificateRevoked(string ca, string profile, string reason) =>
        revoked.Add(1, new KeyValuePair<string, object?>("ca", ca), new KeyValuePair<string, object?>("profile", profile),
            new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts one OCSP response served; <paramref name="cacheHit"/> when it was pre-signed.</summary>
    public void OcspResponse(OcspStatus status, bool cacheHit) =>
        Interlocked.Increment(ref ocspResponses[((int)status * 2) + (cacheHit ? 1 : 0)]);

    /// <summary>Remembers the current full CRL of <paramref name="ca"/> for the CRL gauges.</summary>
    public void CrlCurrent(string ca, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate) => crls[ca] = (thisUpdate, nextUpdate);

    private IEnumerable<Measurement<long>> ObserveOcsp()
    {
        for (var i = 0; i < ocspResponses.Length; i++)
        {
            // A series appears with its first answer, as a counter's would.
            if (Interlocked.Read(ref ocspResponses[i]) is var count and > 0)
            {
                yield return new(count, new KeyValuePair<string, object?>("status", OcspStatusNames.Of((OcspStatus)(i / 2))),
                    new KeyValuePair<string, object?>("cache", i % 2 == 1 ? "hit" : "miss"));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveAge()
    {
        var now = time.GetUtcNow();
        foreach (var (ca, crl) in crls)
        {
            yield return new((now - crl.ThisUpdate).TotalSeconds, new KeyValuePair<string, object?>("ca", ca));
        }
    }

    private IEnumerable<Measurement<double>> ObserveValidity()
    {
        foreach (var (ca, crl) in crls)
        {
            yield return new((crl.NextUpdate - crl.ThisUpdate).TotalSeconds, new KeyValuePair<string, object?>("ca", ca));
        }
    }
}
