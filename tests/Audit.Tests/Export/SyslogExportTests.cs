using Audit.Tests.Storage;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using TestSupport;

namespace Audit.Tests.Export;

public sealed partial class SyslogExportTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Export_CanonicalFormat_DeliversEveryEntryInOrderWithCanonicalBody()
    {
        await using var rsyslog = await RsyslogServer.StartAsync();
        await using var log = await OpenAsync(rsyslog.Port, format: "canonical");

        for (var i = 0; i < 25; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(target: $"s{i}"));
        }

        var lines = await rsyslog.WaitForLinesAsync(25, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), lines.Select(IndexOf));
        var entry = (await log.Store.GetEntryAsync(7))!;
        var line = lines[7];
        Assert.StartsWith("<110>1 ", line, StringComparison.Ordinal);
        Assert.EndsWith(Encoding.UTF8.GetString(entry.Entry), line, StringComparison.Ordinal);
        Assert.Contains($"leafHash=\"{Convert.ToBase64String(entry.LeafHash)}\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CollectorDown_TrailUnaffectedAndCatchesUp()
    {
        if (RsyslogServer.Executable is null)
        {
            Assert.Skip("rsyslogd is not installed (Debian package rsyslog).");
        }

        var port = RsyslogServer.FreePort();
        await using var log = await OpenAsync(port);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(target: $"down{i}"));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"recording took {clock.Elapsed} with the collector down");
        await Task.Delay(1500);
        await using var rsyslog = await RsyslogServer.StartAsync(port);
        for (var i = 0; i < 5; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(target: $"up{i}"));
        }

        var lines = await rsyslog.WaitForLinesAsync(15, TimeSpan.FromSeconds(45));
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i), lines.Select(IndexOf).Distinct().Order());
    }

    private Task<AuditTestLog> OpenAsync(int port, string? format = null) => AuditTestLog.OpenAsync(data.Path, extra: new Dictionary<string, string?>
    {
        ["Audit:Syslog:Host"] = "127.0.0.1",
        ["Audit:Syslog:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Audit:Syslog:Format"] = format,
    }, startBackground: true);

    private static long IndexOf(string line) => long.Parse(IndexPattern().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("index=\"([0-9]+)\"")]
    private static partial Regex IndexPattern();
}
