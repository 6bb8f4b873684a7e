using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Pmi.Authorization.Decisions;
using Pmi.Authorization.Metrics;
using Pmi.Authorization.Policies;
using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Pmi.Authorization.Tests.Metrics;

/// <summary>The decision point counts each decision by outcome and records how long it took.</summary>
public sealed class AuthorizationMetricsTests
{
    [Fact]
    public void Decide_CountsAllowDenyAndError_WithDuration()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        using var decisions = new MetricCollector<long>(meters, AuthorizationMetrics.MeterName, "securityplatform.authorization.decisions");
        using var durations = new MetricCollector<double>(meters, AuthorizationMetrics.MeterName, "securityplatform.authorization.decision.duration");
        var pdp = new PolicyDecisionPoint(null!, NullLogger<PolicyDecisionPoint>.Instance, metrics: new AuthorizationMetrics(meters));
        pdp.Activate(new ActivePolicies(PolicySet.Parse("""permit(principal == User::"alice", action, resource);""").Value!, null, null, null));

        Decide(pdp, """{"principal":{"type":"User","id":"alice"},"action":{"type":"Action","id":"view"},"resource":{"type":"Doc","id":"1"},"context":{}}""");
        Decide(pdp, """{"principal":{"type":"User","id":"bob"},"action":{"type":"Action","id":"view"},"resource":{"type":"Doc","id":"1"},"context":{}}""");
        Decide(pdp, """{"principal":"not an entity"}""");

        var outcomes = decisions.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!).ToArray();
        Assert.Equal(["allow", "deny", "error"], outcomes);
        Assert.Equal(outcomes, durations.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!));
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    private static void Decide(PolicyDecisionPoint pdp, string request)
    {
        using var document = JsonDocument.Parse(request);
        pdp.Decide(document.RootElement, 10);
    }
}
