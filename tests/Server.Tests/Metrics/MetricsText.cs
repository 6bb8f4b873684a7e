using System.Globalization;
using System.Text.RegularExpressions;

namespace Server.Tests.Metrics;

/// <summary>
/// The Prometheus text exposition format (version 0.0.4) as <c>GET /metrics</c> writes it: the
/// <c># TYPE</c> line of each family and the value of each series.
/// </summary>
internal sealed partial class MetricsText(string text)
{
    // The exporter answers every scrape within 300 ms of the last one from that one's text.
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromMilliseconds(400);

    public string Text { get; } = text;

    /// <summary>The exposition as it is now: read once the exporter's cached answer, which may predate what the test just did, has expired.</summary>
    public static async Task<MetricsText> ReadAsync(HttpClient client)
    {
        await Task.Delay(ScrapeCache);
        return new MetricsText(await client.GetStringAsync("/metrics"));
    }

    /// <summary>The type (counter, gauge, histogram) a <c># TYPE</c> line gives <paramref name="family"/>, or null.</summary>
    public string? TypeOf(string family) =>
        Text.Split('\n').Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 4 && p[0] == "#" && p[1] == "TYPE" && p[2] == family)?[3];

    /// <summary>The sum over the series of <paramref name="name"/> carrying every label of <paramref name="labels"/> (0 when none does).</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Text.Split('\n').Select(l => Series().Match(l)).Where(m => m.Success && m.Groups["name"].Value == name)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[^ ]+)( [0-9]+)?$")]
    private static partial Regex Series();
}
