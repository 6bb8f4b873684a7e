using Audit.Export;
using Audit.Storage;
using Audit.Tests.Export;
using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Hosting;
using System.Globalization;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>
/// Mutual TLS to rsyslog (rsyslog-gnutls, <c>x509/certvalid</c>) with the client certificate the
/// platform's own CA issued to its audit export: the collector trusts only the platform's root
/// for clients, and receives the trail as ECS documents that prove their entries.
/// </summary>
public sealed class AuditSyslogPlatformCertificateTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Export_PlatformClientCertificate_RsyslogRequiringItReceivesTheTrail()
    {
        var pki = await CollectorPki.CreateAsync(directory.File("collector-pki"));
        var port = RsyslogServer.FreePort();
        await using var server = await PlatformServer.StartAsync(directory.File("data"),
            "--Audit:Syslog:Host", "127.0.0.1", "--Audit:Syslog:Port", port.ToString(CultureInfo.InvariantCulture),
            "--Audit:Syslog:Tls", "true", "--Audit:Syslog:CaFile", pki.CaFile, "--Audit:Syslog:PlatformClientCertificate", "true");

        // The collector starts only now, trusting for clients nothing but the platform's root.
        await using var rsyslog = await RsyslogServer.StartAsync(port,
            new CollectorTls(pki, RequireClientCertificate: true, ClientCaFile: server.DataFile("root-ca.pem")));
        var store = server.Services.GetRequiredService<IAuditStore>();
        var size = await store.GetSizeAsync();
        Assert.True(size > 0, "the platform's bootstrap records events");

        var lines = await rsyslog.WaitForParsedLinesAsync((int)size, TimeSpan.FromSeconds(60));
        var messages = lines.Select(ReceivedMessage.Parse).DistinctBy(m => m.Index).ToList();
        Assert.True(messages.Count >= size, $"{messages.Count} of {size} entries arrived; rsyslog said:\n{rsyslog.Output}");
        foreach (var message in messages)
        {
            EcsAssert.Proves(message, (await store.GetEntryAsync(message.Index))!);
        }

        var credential = await server.Services.GetRequiredService<SqlAuditStore>().GetSettingAsync(SyslogClientCredential.Setting);
        Assert.NotNull(credential);
    }
}
