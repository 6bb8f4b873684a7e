using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Signatures.Metrics;
using System.Diagnostics.Metrics;

namespace Signatures.Tests.Metrics;

public sealed class SignatureMetricsTests
{
    [Fact]
    public void SealedAndRefused_CountByLevelAndCode()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        using var seals = new MetricCollector<long>(meters, SignatureMetrics.MeterName, "securityplatform.signatures.seals");
        using var refused = new MetricCollector<long>(meters, SignatureMetrics.MeterName, "securityplatform.signatures.seals.refused");
        var metrics = new SignatureMetrics(meters);

        metrics.Sealed("B-T");
        metrics.Sealed("B-LTA");
        metrics.Refused("seal-use-denied");

        Assert.Equal(["B-T", "B-LTA"], seals.GetMeasurementSnapshot().Select(m => (string)m.Tags["level"]!));
        Assert.Equal("seal-use-denied", (string)Assert.Single(refused.GetMeasurementSnapshot()).Tags["code"]!);
    }
}
