using Server.Tests.Tsa;
using System.Net;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Hosting;

/// <summary>/health/ready: one check per hosted module, each with its status, description and duration, as JSON; 503 when one fails.</summary>
public sealed class ReadinessTests
{
    private static readonly string[] ModuleChecks = ["audit", "audit-timestamps", "authorization", "ca", "gateway", "identity", "signatures", "startup", "tsa-clock"];

    [Fact]
    public async Task Ready_EveryModule_ReportsHealthy_AsJson()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path);
        using var http = server.HttpClient();

        using var response = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = Checks(report);
        Assert.Equal(ModuleChecks, checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
        Assert.All(checks.Values, c => Assert.True(c.GetProperty("durationMs").GetDouble() >= 0));
        Assert.Contains("CAs loaded", checks["ca"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Policy set version", checks["authorization"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("signed with", checks["identity"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("checkpoint", checks["audit"].GetProperty("description").GetString(), StringComparison.Ordinal);

        // Liveness runs no check and stays as it was.
        using var live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_OnlyTheHostedModules_AreChecked()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path, "--Modules", "ca");
        using var http = server.HttpClient();

        using var report = JsonDocument.Parse(await http.GetStringAsync("/health/ready"));
        Assert.Equal(["audit", "audit-timestamps", "ca", "startup"], Checks(report).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ready_ClockOutOfBounds_Is503_NamingTheTsaCheck()
    {
        using var ntp = new FakeNtpServer();
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path,
            "--Tsa:Clock:NtpServers:0", $"127.0.0.1:{ntp.Port}", "--Tsa:Clock:CheckIntervalSeconds", "0.2",
            "--Tsa:Clock:MaxStalenessSeconds", "1.5", "--Tsa:AccuracyMilliseconds", "500");
        using var http = server.HttpClient();

        ntp.Offset = TimeSpan.FromSeconds(3);
        HttpResponseMessage response;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((response = await http.GetAsync("/health/ready")).StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            response.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "readiness did not follow the clock");
            await Task.Delay(100);
        }

        using (response)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
            var checks = Checks(report);
            Assert.Equal("Unhealthy", checks["tsa-clock"].GetProperty("status").GetString());
            Assert.StartsWith("TSA clock:", checks["tsa-clock"].GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", checks["ca"].GetProperty("status").GetString());
        }
    }

    private static Dictionary<string, JsonElement> Checks(JsonDocument report) =>
        report.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
}
