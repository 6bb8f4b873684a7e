using Audit.Tests.Storage;
using Platform.Auditing;
using System.Globalization;

namespace Audit.Tests.Export;

/// <summary>The audit log with its syslog export pointed at a test collector, and the events the export tests record.</summary>
internal static class ExportScenario
{
    public static Dictionary<string, string?> Settings(int port, CollectorPki? pki = null, bool clientCertificate = false, string host = "127.0.0.1")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Audit:Syslog:Host"] = host,
            ["Audit:Syslog:Port"] = port.ToString(CultureInfo.InvariantCulture),
        };
        if (pki is not null)
        {
            settings["Audit:Syslog:Tls"] = "true";
            settings["Audit:Syslog:CaFile"] = pki.CaFile;
        }

        if (pki is not null && clientCertificate)
        {
            settings["Audit:Syslog:ClientCertificateFile"] = pki.ClientCertificateFile;
            settings["Audit:Syslog:ClientKeyFile"] = pki.ClientKeyFile;
        }

        return settings;
    }

    public static Task<AuditTestLog> OpenAsync(string data, Dictionary<string, string?> settings, CapturedExportLog? log = null) =>
        AuditTestLog.OpenAsync(data, extra: settings, startBackground: true,
            services: log is null ? null : services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions
                .AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(services, log));

    /// <summary>An event with every field of the record filled, non-ASCII text among them.</summary>
    public static AuditEvent Event(int i, AuditOutcome outcome = AuditOutcome.Success) => new()
    {
        Module = "Pki.Ca",
        Action = "certificate.issue",
        Outcome = outcome,
        Target = $"序列号-{i:x4}",
        Actor = new AuditActor(Subject: "CN=张伟,O=City", Serial: "0a1b2c3d", ClientId: "approvals", User: "zhang.wei"),
        SourceAddress = "192.0.2.7",
        RequestId = $"req-{i}",
        Details = new Dictionary<string, string> { ["profile"] = "tls-server", ["department"] = "市政府" },
    };

    /// <summary>Records <paramref name="count"/> events and waits until the collector has them all.</summary>
    public static async Task RecordAsync(AuditTestLog log, int count, AuditOutcome outcome = AuditOutcome.Success)
    {
        for (var i = 0; i < count; i++)
        {
            await log.Trail.RecordAsync(Event(i, outcome));
        }
    }

    /// <summary>Checks that the collector holds each entry once (after dropping repeats by index), in order, each proving its entry.</summary>
    public static async Task AssertDeliveredAsync(AuditTestLog log, IReadOnlyList<string> lines, int count)
    {
        var messages = lines.Select(ReceivedMessage.Parse).DistinctBy(m => m.Index).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), messages.Select(m => m.Index));
        foreach (var message in messages)
        {
            EcsAssert.Proves(message, (await log.Store.GetEntryAsync(message.Index))!);
        }
    }
}
