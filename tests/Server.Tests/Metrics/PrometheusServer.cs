using Server.Tests.Acme;
using System.Globalization;
using System.Net;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Metrics;

/// <summary>
/// Debian's <c>prometheus</c> scraping one target every second, with its storage in a directory of
/// its own and its HTTP API on a free loopback port; queried through <c>/api/v1/query</c>.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly BackgroundTool tool;
    private readonly TemporaryDirectory directory;
    private readonly HttpClient api;

    private PrometheusServer(BackgroundTool tool, TemporaryDirectory directory, int port)
    {
        this.tool = tool;
        this.directory = directory;
        api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    /// <summary>What the configuration names the scrape job: the platform's service name.</summary>
    public const string Job = "securityplatform";

    /// <summary>Starts prometheus scraping <paramref name="target"/> (host:port) at <c>/metrics</c>; skips the test when it is not installed.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        var prometheus = ExternalTool.Require("prometheus");
        var directory = new TemporaryDirectory();
        var config = directory.File("prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {Job}
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = LoopbackPorts.Take(1)[0];
        var tool = BackgroundTool.Start(prometheus,
        [
            "--config.file=" + config,
            "--storage.tsdb.path=" + directory.File("data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        ]);
        var server = new PrometheusServer(tool, directory, port);
        if (!await tool.WaitListeningAsync(port))
        {
            var output = tool.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException("prometheus did not start:\n" + output);
        }

        return server;
    }

    /// <summary>What prometheus printed, for failure messages.</summary>
    public string Output => tool.Output;

    /// <summary>The instant vector of <paramref name="promql"/>: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        using var response = await api.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{promql}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("vector", data.GetProperty("resultType").GetString());
        return [.. data.GetProperty("result").EnumerateArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>Queries until <paramref name="done"/> holds for the answer (a scrape has taken what the test did); fails after 30 s.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryUntilAsync(
        string promql, Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await QueryAsync(promql);
            if (done(result))
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                var targets = await api.GetStringAsync("/api/v1/targets");
                Assert.Fail($"{promql} never matched; last answer: {string.Join("; ", result.Select(r => $"{string.Join(",", r.Labels)} = {r.Value}"))}\n" +
                    $"targets: {targets}\nprometheus output:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        api.Dispose();
        await tool.DisposeAsync();
        directory.Dispose();
    }
}
