using Serilog.Events;
using Serilog.Formatting.Compact;
using System.Net;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Hosting;

/// <summary>One log line per request: method, path without its query, status, duration and actor.</summary>
public sealed class RequestLoggingTests : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();
    private readonly RequestLogEvents lines = new();
    private PlatformServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await PlatformServer.StartAsync(data.Path, lines.Register, "--Serilog:MinimumLevel:Default", "Debug");

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Request_ByCertificate_IsOneInformationLine_WithTheSubject_AndNoQuery()
    {
        using var admin = server.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/pki/certificates?subject=query-secret&limit=5")).StatusCode);

        var line = await lines.ForAsync("GET", "/pki/certificates");
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("200", RequestLogEvents.Scalar(line, "StatusCode"));
        Assert.StartsWith("CN=", RequestLogEvents.Scalar(line, "Actor"), StringComparison.Ordinal);
        Assert.True(double.Parse(RequestLogEvents.Scalar(line, "Elapsed")!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.DoesNotContain("query-secret", line.RenderMessage(), StringComparison.Ordinal);
        Assert.Single(lines.Lines, l => RequestLogEvents.Scalar(l, "RequestPath") == "/pki/certificates");
    }

    [Fact]
    public async Task Request_Anonymous_Refused_AndShortCircuited_AreLoggedWithTheirStatus()
    {
        using var http = server.HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/pki/cas")).StatusCode);
        using var https = server.HttpsClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await https.GetAsync("/audit/events")).StatusCode);
        // The OCSP responder runs short-circuited, past the rest of the pipeline; it is logged too.
        using var junk = new ByteArrayContent([1, 2, 3]);
        junk.Headers.ContentType = new("application/ocsp-request");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/pki/ocsp", junk)).StatusCode);

        var cas = await lines.ForAsync("GET", "/pki/cas");
        Assert.Equal("anonymous", RequestLogEvents.Scalar(cas, "Actor"));
        Assert.Equal("401", RequestLogEvents.Scalar(await lines.ForAsync("GET", "/audit/events"), "StatusCode"));
        var ocsp = await lines.ForAsync("POST", "/pki/ocsp");
        Assert.Equal(LogEventLevel.Information, ocsp.Level);
        Assert.Equal("200", RequestLogEvents.Scalar(ocsp, "StatusCode"));
    }

    [Fact]
    public async Task HealthAndMetrics_AreLoggedBelowInformation()
    {
        using var http = server.HttpClient();
        await http.GetAsync("/health/ready");
        await http.GetAsync("/metrics");

        Assert.Equal(LogEventLevel.Debug, (await lines.ForAsync("GET", "/health/ready")).Level);
        Assert.Equal(LogEventLevel.Debug, (await lines.ForAsync("GET", "/metrics")).Level);
    }

    [Fact]
    public async Task RequestLine_AsCompactJson_HasEachFieldAsAProperty()
    {
        using var http = server.HttpClient();
        await http.GetAsync("/pki/profiles");
        var line = await lines.ForAsync("GET", "/pki/profiles");

        // The formatter Platform:Logging:Json selects (Server/Hosting/Logging.cs).
        using var text = new StringWriter();
        new CompactJsonFormatter().Format(line, text);
        using var json = JsonDocument.Parse(text.ToString());
        var root = json.RootElement;
        Assert.Equal("GET", root.GetProperty("RequestMethod").GetString());
        Assert.Equal("/pki/profiles", root.GetProperty("RequestPath").GetString());
        Assert.Equal(200, root.GetProperty("StatusCode").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("Elapsed").ValueKind);
        Assert.Equal("anonymous", root.GetProperty("Actor").GetString());
    }
}
