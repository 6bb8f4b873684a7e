using TestSupport;

namespace Audit.Tests.Export;

/// <summary>
/// The ECS export received by Debian's syslog-ng (its <c>syslog()</c> source, RFC 5424 with octet
/// counting) over TCP, TLS and mutual TLS; each $MSG it parsed is JSON that proves its entry.
/// </summary>
public sealed class SyslogNgExportTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Export_SyslogNgTcp_EveryMessageIsAnEcsDocumentProvingItsEntry()
    {
        await using var syslogNg = await SyslogNgServer.StartAsync();
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(syslogNg.Port));

        await ExportScenario.RecordAsync(log, 12);

        await ExportScenario.AssertDeliveredAsync(log, await syslogNg.WaitForParsedLinesAsync(12, TimeSpan.FromSeconds(30)), 12);
    }

    [Fact]
    public async Task Export_SyslogNgTls_DeliversToCollectorCertifiedByCaFile()
    {
        var pki = await CollectorPki.CreateAsync(data.File("pki"));
        await using var syslogNg = await SyslogNgServer.StartAsync(new CollectorTls(pki));
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(syslogNg.Port, pki));

        await ExportScenario.RecordAsync(log, 8);

        await ExportScenario.AssertDeliveredAsync(log, await syslogNg.WaitForParsedLinesAsync(8, TimeSpan.FromSeconds(30)), 8);
    }

    [Fact]
    public async Task Export_SyslogNgRequiresTrustedPeer_DeliversWithPemPair()
    {
        var pki = await CollectorPki.CreateAsync(data.File("pki"));
        await using var syslogNg = await SyslogNgServer.StartAsync(new CollectorTls(pki, RequireClientCertificate: true));
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(syslogNg.Port, pki, clientCertificate: true));

        await ExportScenario.RecordAsync(log, 5);

        await ExportScenario.AssertDeliveredAsync(log, await syslogNg.WaitForParsedLinesAsync(5, TimeSpan.FromSeconds(30)), 5);
    }
}
