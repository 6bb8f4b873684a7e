using System.Diagnostics.Metrics;
using Pki.Tsa.Clock;
using Pki.Tsa.Protocol;

namespace Pki.Tsa.Metrics;

/// <summary>
/// The TSA's instruments, meter <c>SecurityPlatform.Tsa</c>: tokens granted by policy (configured
/// OIDs), refusals by PKIFailureInfo name, and the clock check's last offset and verdict.
/// </summary>
public sealed class TsaMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SecurityPlatform.Tsa";

    private readonly Counter<long> issued;
    private readonly Counter<long> refused;
    private readonly ClockMonitor clock;

    /// <summary>Creates the instruments on the host's meter factory; the clock gauges read <paramref name="clock"/>.</summary>
    public TsaMetrics(IMeterFactory meters, ClockMonitor clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.clock = clock;
        var meter = meters.Create(MeterName);
        issued = meter.CreateCounter<long>("securityplatform.tsa.tokens.issued", "{token}",
            "Time-stamp tokens issued, by policy OID.");
        refused = meter.CreateCounter<long>("securityplatform.tsa.requests.refused", "{request}",
            "Time-stamp requests refused, by PKIFailureInfo (badAlg, badRequest, badDataFormat, timeNotAvailable, unacceptedPolicy, unacceptedExtension, systemFailure).");
        meter.CreateObservableGauge("securityplatform.tsa.clock.offset", ObserveOffset, "s",
            "The system clock's offset from the time sources at the last check (median); absent until a source answered.");
        meter.CreateObservableGauge("securityplatform.tsa.clock.available", () => clock.Current.Available ? 1 : 0, "1",
            "1 while the clock is within the stated accuracy and tokens are issued, 0 while requests are refused with timeNotAvailable.");
    }

    /// <summary>Counts what a request was finally answered: a token or a refusal.</summary>
    public void Answered(StampOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Granted)
        {
            issued.Add(1, new KeyValuePair<string, object?>("policy", outcome.Policy));
        }
        else
        {
            refused.Add(1, new KeyValuePair<string, object?>("failure", outcome.Failure));
        }
    }

    private IEnumerable<Measurement<double>> ObserveOffset() =>
        clock.Current.Offset is { } offset ? [new(offset.TotalSeconds)] : [];
}
