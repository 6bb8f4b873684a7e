using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Pki.Ca.Metrics;

namespace Pki.Ca.Tests.Metrics;

public sealed class CaMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CertificateIssuedAndRevoked_CountByCaProfileAndReason()
    {
        var meters = TestMeters.Factory();
        using var issued = new MetricCollector<long>(meters, CaMetrics.MeterName, "securityplatform.ca.certificates.issued");
        using var revoked = new MetricCollector<long>(meters, CaMetrics.MeterName, "securityplatform.ca.certificates.revoked");
        var metrics = new CaMetrics(meters, TimeProvider.System);

        metrics.CertificateIssued("issuing", "tls-server");
        metrics.CertificateIssued("issuing", "tls-server");
        metrics.CertificateRevoked("issuing", "tls-server", "keyCompromise");

        var measurements = issued.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.All(measurements, m => Assert.Equal("issuing/tls-server", $"{m.Tags["ca"]}/{m.Tags["profile"]}"));
        var revocation = Assert.Single(revoked.GetMeasurementSnapshot());
        Assert.Equal(1, revocation.Value);
        Assert.Equal("issuing/tls-server/keyCompromise", $"{revocation.Tags["ca"]}/{revocation.Tags["profile"]}/{revocation.Tags["reason"]}");
    }

    [Theory]
    [InlineData(OcspStatus.Good, true, "good", "hit")]
    [InlineData(OcspStatus.Revoked, false, "revoked", "miss")]
    [InlineData(OcspStatus.Unknown, false, "unknown", "miss")]
    [InlineData(OcspStatus.Error, false, "error", "miss")]
    public void OcspResponse_CountsByStatusAndCache(OcspStatus status, bool hit, string statusTag, string cacheTag)
    {
        var meters = TestMeters.Factory();
        using var responses = new MetricCollector<long>(meters, CaMetrics.MeterName, "securityplatform.ca.ocsp.responses");
        var metrics = new CaMetrics(meters, TimeProvider.System);

        metrics.OcspResponse(status, hit);
        metrics.OcspResponse(status, hit);
        responses.RecordObservableInstruments();

        // Cumulative, as an observable counter reports: one series with both answers.
        var measurement = Assert.Single(responses.GetMeasurementSnapshot());
        Assert.Equal(2, measurement.Value);
        Assert.Equal($"{statusTag}/{cacheTag}", $"{measurement.Tags["status"]}/{measurement.Tags["cache"]}");
    }

    [Fact]
    public void CrlGauges_ReportAgeAndValidityOfEachCasCurrentCrl()
    {
        var meters = TestMeters.Factory();
        var time = new FakeTimeProvider(Now);
        using var age = new MetricCollector<double>(meters, CaMetrics.MeterName, "securityplatform.ca.crl.age", time);
        using var validity = new MetricCollector<double>(meters, CaMetrics.MeterName, "securityplatform.ca.crl.validity", time);
        var metrics = new CaMetrics(meters, time);

        metrics.CrlCurrent("issuing", Now.AddMinutes(-30), Now.AddHours(23.5));
        metrics.CrlCurrent("root", Now.AddHours(-2), Now.AddDays(29));
        time.Advance(TimeSpan.FromSeconds(10));
        age.RecordObservableInstruments();
        validity.RecordObservableInstruments();

        var ages = age.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["ca"]!, m => m.Value);
        Assert.Equal(1810, ages["issuing"], 3);
        Assert.Equal(7210, ages["root"], 3);
        var lifetimes = validity.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["ca"]!, m => m.Value);
        Assert.Equal(24 * 3600, lifetimes["issuing"], 3);
        Assert.Equal((29 * 24 + 2) * 3600, lifetimes["root"], 3);

        // A newer CRL replaces the CA's reading.
        metrics.CrlCurrent("issuing", time.GetUtcNow(), time.GetUtcNow().AddDays(1));
        age.Clear();
        age.RecordObservableInstruments();
        Assert.Equal(0, age.GetMeasurementSnapshot().Single(m => (string)m.Tags["ca"]! == "issuing").Value, 3);
    }
}
