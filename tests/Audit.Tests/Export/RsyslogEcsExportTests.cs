using TestSupport;

namespace Audit.Tests.Export;

/// <summary>
/// The ECS export received by Debian's rsyslog: over TCP, over TLS with rsyslog-gnutls, and with
/// mutual TLS; each body rsyslog parsed out of the RFC 5424 message is JSON that proves its entry.
/// </summary>
public sealed class RsyslogEcsExportTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Export_RsyslogTcp_EveryBodyIsAnEcsDocumentProvingItsEntry()
    {
        await using var rsyslog = await RsyslogServer.StartAsync();
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(rsyslog.Port));

        await ExportScenario.RecordAsync(log, 12);

        await ExportScenario.AssertDeliveredAsync(log, await rsyslog.WaitForParsedLinesAsync(12, TimeSpan.FromSeconds(30)), 12);
    }

    [Fact]
    public async Task Export_RsyslogElasticsearchRules_ParseEachBodyIntoTheDocumentWithItsId()
    {
        await using var rsyslog = await RsyslogServer.StartAsync();
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(rsyslog.Port));

        await ExportScenario.RecordAsync(log, 4);

        var bodies = (await rsyslog.WaitForParsedLinesAsync(4, TimeSpan.FromSeconds(30))).Select(ReceivedMessage.Parse).ToList();
        var documents = await RsyslogServer.WaitAsync(rsyslog.DocumentLines, 4, TimeSpan.FromSeconds(10));
        Assert.Equal(4, documents.Count);
        for (var i = 0; i < 4; i++)
        {
            var (id, json) = (documents[i][..documents[i].IndexOf(' ', StringComparison.Ordinal)], documents[i][(documents[i].IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            Assert.Equal($"test.example/audit/{i}", id);
            using var parsed = System.Text.Json.JsonDocument.Parse(json);
            using var sent = bodies[i].Json();
            Assert.True(System.Text.Json.JsonElement.DeepEquals(sent.RootElement, parsed.RootElement), $"rsyslog's document differs from the body:\n{json}");
        }
    }

    [Fact]
    public async Task Export_RsyslogGnuTls_DeliversOverTlsToCollectorCertifiedByCaFile()
    {
        var pki = await CollectorPki.CreateAsync(data.File("pki"));
        await using var rsyslog = await RsyslogServer.StartAsync(tls: new CollectorTls(pki));
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(rsyslog.Port, pki));

        await ExportScenario.RecordAsync(log, 8);

        await ExportScenario.AssertDeliveredAsync(log, await rsyslog.WaitForParsedLinesAsync(8, TimeSpan.FromSeconds(30)), 8);
    }

    [Fact]
    public async Task Export_RsyslogRequiresClientCertificate_DeliversWithPemPair()
    {
        var pki = await CollectorPki.CreateAsync(data.File("pki"));
        await using var rsyslog = await RsyslogServer.StartAsync(tls: new CollectorTls(pki, RequireClientCertificate: true));
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(rsyslog.Port, pki, clientCertificate: true));

        await ExportScenario.RecordAsync(log, 5);

        await ExportScenario.AssertDeliveredAsync(log, await rsyslog.WaitForParsedLinesAsync(5, TimeSpan.FromSeconds(30)), 5);
    }

    [Fact]
    public async Task Export_RsyslogRequiresClientCertificateExporterHasNone_NothingArrivesTrailUnaffected()
    {
        var pki = await CollectorPki.CreateAsync(data.File("pki"));
        await using var rsyslog = await RsyslogServer.StartAsync(tls: new CollectorTls(pki, RequireClientCertificate: true));
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(rsyslog.Port, pki));

        await ExportScenario.RecordAsync(log, 3);

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(rsyslog.ParsedLines());
        Assert.Equal(3, await log.Store.GetSizeAsync());
    }
}
