using Identity.Metrics;
using Identity.Tests.People;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Platform.Tests.Storage.Harness;

namespace Identity.Tests.Metrics;

/// <summary>Password sign-ins are counted by method, outcome and reason, never by login.</summary>
public sealed class IdentityMetricsTests
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task SignIn_CountsMethodOutcomeAndReason()
    {
        await using var target = new SqliteStorageTarget();
        await target.InitializeAsync();
        using var people = new PeopleHarness(target);
        using var signIns = new MetricCollector<long>(people.Meters, IdentityMetrics.MeterName, "securityplatform.identity.sign_ins");
        await people.AddAsync("clerk");

        await people.SignInAsync("clerk", Password);
        await people.SignInAsync("clerk", "not the password!");
        await people.SignInAsync("nobody", Password);

        var counted = signIns.GetMeasurementSnapshot()
            .Select(m => ((string)m.Tags["method"]!, (string)m.Tags["outcome"]!, (string)m.Tags["reason"]!)).ToArray();
        Assert.Equal([("pwd", "success", "success"), ("pwd", "failure", "password-wrong"), ("pwd", "failure", "login-unknown")], counted);
        Assert.All(signIns.GetMeasurementSnapshot(), m => Assert.Equal(3, m.Tags.Count));
    }
}
