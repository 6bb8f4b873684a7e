using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pki.Tsa;
using Pki.Tsa.Clock;
using Pki.Tsa.Metrics;
using Pki.Tsa.Protocol;
using Server.Tests.Tsa;
using System.Diagnostics.Metrics;

namespace Server.Tests.Metrics;

/// <summary>The TSA's instruments: tokens by policy, refusals by failure, and the clock check's offset (over real SNTP on loopback).</summary>
public sealed class TsaMetricsTests
{
    [Fact]
    public void Answered_CountsTokensByPolicyAndRefusalsByFailure()
    {
        var meters = Meters();
        using var issued = new MetricCollector<long>(meters, TsaMetrics.MeterName, "securityplatform.tsa.tokens.issued");
        using var refused = new MetricCollector<long>(meters, TsaMetrics.MeterName, "securityplatform.tsa.requests.refused");
        var metrics = new TsaMetrics(meters, Monitor([]));

        metrics.Answered(new StampOutcome([], true, null, null, "01", "SHA-256", "00", "1.3.6.1.4.1.99999.1"));
        metrics.Answered(new StampOutcome([], false, "badAlg", "SHA-1 is not accepted"));
        metrics.Answered(new StampOutcome([], false, "timeNotAvailable", "the clock is off"));

        Assert.Equal("1.3.6.1.4.1.99999.1", (string)Assert.Single(issued.GetMeasurementSnapshot()).Tags["policy"]!);
        Assert.Equal(["badAlg", "timeNotAvailable"], refused.GetMeasurementSnapshot().Select(m => (string)m.Tags["failure"]!));
    }

    [Fact]
    public async Task ClockGauges_ReportTheCheckedOffsetAndVerdict()
    {
        using var ntp = new FakeNtpServer { Offset = TimeSpan.FromSeconds(3) };
        var meters = Meters();
        using var offset = new MetricCollector<double>(meters, TsaMetrics.MeterName, "securityplatform.tsa.clock.offset");
        using var available = new MetricCollector<int>(meters, TsaMetrics.MeterName, "securityplatform.tsa.clock.available");
        var monitor = Monitor([NtpTimeSource.Parse($"127.0.0.1:{ntp.Port}", TimeSpan.FromSeconds(2), TimeProvider.System)]);
        _ = new TsaMetrics(meters, monitor);

        offset.RecordObservableInstruments();
        Assert.Empty(offset.GetMeasurementSnapshot());

        await monitor.CheckAsync(CancellationToken.None);
        offset.RecordObservableInstruments();
        available.RecordObservableInstruments();

        // The source is 3 s ahead: the system clock is 3 s behind it, beyond the stated 500 ms.
        Assert.Equal(-3, offset.LastMeasurement!.Value, 0.5);
        Assert.Equal(0, available.LastMeasurement!.Value);
    }

    private static IMeterFactory Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private static ClockMonitor Monitor(IReadOnlyList<ITimeSource> sources) =>
        new(sources, Options.Create(new TsaOptions { AccuracyMilliseconds = 500 }), TimeProvider.System, NullLogger<ClockMonitor>.Instance);
}
