using Audit.Tests.Storage;
using Platform.Storage;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using TestSupport;

namespace Audit.Tests.Export;

/// <summary>What the export does when the collector or the data is not what it should be.</summary>
public sealed class SyslogExportRobustnessTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Export_CollectorClosesConnection_ReconnectsAndDeliversEveryEntry()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = Task.Run(async () =>
        {
            // The first connection is dropped after a few bytes, mid-frame.
            using (var first = await listener.AcceptTcpClientAsync())
            {
                var some = new byte[16];
                await first.GetStream().ReadAtLeastAsync(some, some.Length);
            }

            using var second = await listener.AcceptTcpClientAsync();
            return await ReadFramesAsync(second.GetStream(), 6);
        });
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(port));

        await ExportScenario.RecordAsync(log, 6);

        var frames = await received.WaitAsync(TimeSpan.FromSeconds(60));
        var indexes = frames.Select(f => ReceivedMessage.Parse(f).Index).ToList();
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (long)i), indexes.Distinct().Order());
        await ExportScenario.AssertDeliveredAsync(log, frames, 6);
    }

    [Fact]
    public async Task Export_CollectorCertificateFromOtherCa_LogsWhyAndSendsNothing()
    {
        using var collector = SelfSigned("CN=collector", IPAddress.Loopback);
        using var other = SelfSigned("CN=someone else", IPAddress.Loopback);
        await File.WriteAllTextAsync(data.File("other-ca.pem"), other.ExportCertificatePem());
        var (port, received) = ServeTls(collector);
        var captured = new CapturedExportLog();
        var settings = ExportScenario.Settings(port);
        settings["Audit:Syslog:Tls"] = "true";
        settings["Audit:Syslog:CaFile"] = data.File("other-ca.pem");
        await using var log = await ExportScenario.OpenAsync(data.Path, settings, captured);

        await ExportScenario.RecordAsync(log, 3);

        var message = await captured.WaitForAsync(3032, TimeSpan.FromSeconds(30));
        Assert.Contains("does not chain to Audit:Syslog:CaFile", message, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", message, StringComparison.Ordinal);
        Assert.Contains("entry 0 waits", message, StringComparison.Ordinal);
        Assert.Equal(0, received.Sum());
        Assert.Equal(3, await log.Store.GetSizeAsync());
    }

    [Fact]
    public async Task Export_CollectorCertificateForOtherHost_LogsWhyAndSendsNothing()
    {
        using var collector = SelfSigned("CN=collector.example", dns: "collector.example");
        await File.WriteAllTextAsync(data.File("collector-ca.pem"), collector.ExportCertificatePem());
        var (port, received) = ServeTls(collector);
        var captured = new CapturedExportLog();
        var settings = ExportScenario.Settings(port);
        settings["Audit:Syslog:Tls"] = "true";
        settings["Audit:Syslog:CaFile"] = data.File("collector-ca.pem");
        await using var log = await ExportScenario.OpenAsync(data.Path, settings, captured);

        await ExportScenario.RecordAsync(log, 2);

        var message = await captured.WaitForAsync(3032, TimeSpan.FromSeconds(30));
        Assert.Contains("does not name 127.0.0.1", message, StringComparison.Ordinal);
        Assert.Equal(0, received.Sum());
    }

    [Fact]
    public async Task Export_ClientKeyDoesNotMatchCertificate_LogsWhyAndKeepsRecording()
    {
        var pki = await CollectorPki.CreateAsync(data.File("pki"));
        var captured = new CapturedExportLog();
        var settings = ExportScenario.Settings(RsyslogServer.FreePort(), pki, clientCertificate: true);
        settings["Audit:Syslog:ClientKeyFile"] = pki.CollectorKeyFile;
        await using var log = await ExportScenario.OpenAsync(data.Path, settings, captured);

        await ExportScenario.RecordAsync(log, 2);

        var message = await captured.WaitForAsync(3033, TimeSpan.FromSeconds(30));
        Assert.Contains("entry 0 waits", message, StringComparison.Ordinal);
        Assert.Equal(2, await log.Store.GetSizeAsync());
    }

    [Fact]
    public async Task Export_EntryDoesNotDecode_StillExportedWithItsBytesAndHash()
    {
        await using (var quiet = await AuditTestLog.OpenAsync(data.Path))
        {
            await ExportScenario.RecordAsync(quiet, 3);
            await quiet.Database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using var command = connection.Command("UPDATE entries SET entry = @entry WHERE idx = 1", transaction);
                command.AddParameter("entry", "{\"not\":\"canonical\"}"u8.ToArray());
                return await command.ExecuteNonQueryAsync(ct);
            });
        }

        await using var rsyslog = await RsyslogServer.StartAsync();
        await using var log = await ExportScenario.OpenAsync(data.Path, ExportScenario.Settings(rsyslog.Port));

        var lines = await rsyslog.WaitForParsedLinesAsync(3, TimeSpan.FromSeconds(30));
        var raw = rsyslog.Lines();
        Assert.Equal(3, lines.Count);
        EcsAssert.Proves(ReceivedMessage.Parse(lines[0]), (await log.Store.GetEntryAsync(0))!);
        EcsAssert.Proves(ReceivedMessage.Parse(lines[2]), (await log.Store.GetEntryAsync(2))!);

        // Facility 13, severity 4 (warning), no time of its own, no MSGID.
        Assert.StartsWith("<108>1 - ", raw[1], StringComparison.Ordinal);
        var broken = ReceivedMessage.Parse(lines[1]);
        Assert.Equal("-", broken.MessageId);
        using var document = broken.Json();
        var root = document.RootElement;
        Assert.Equal("pipeline_error", root.GetProperty("event").GetProperty("kind").GetString());
        Assert.Equal(1, root.GetProperty("event").GetProperty("sequence").GetInt64());
        Assert.Equal("undecodable_entry", root.GetProperty("error").GetProperty("type").GetString());
        var audit = root.GetProperty("securityplatform").GetProperty("audit");
        Assert.False(audit.GetProperty("decoded").GetBoolean());
        Assert.Equal("{\"not\":\"canonical\"}"u8.ToArray(), Convert.FromBase64String(audit.GetProperty("entry").GetString()!));
        // The stored leaf hash travels as it is, so the SIEM holds the evidence that the bytes changed.
        var stored = (await log.Store.GetEntryAsync(1))!;
        Assert.Equal(stored.LeafHash, Convert.FromBase64String(audit.GetProperty("leaf_hash").GetString()!));
        Assert.NotEqual(stored.LeafHash, EcsAssert.LeafHash(stored.Entry));
    }

    internal static async Task<List<string>> ReadFramesAsync(Stream stream, int count)
    {
        var frames = new List<string>();
        while (frames.Count < count)
        {
            // Octet counting (RFC 6587 §3.4.1): "LENGTH SP MESSAGE".
            var length = 0;
            int b;
            while ((b = stream.ReadByte()) != ' ')
            {
                Assert.InRange(b, '0', '9');
                length = (length * 10) + (b - '0');
            }

            var message = new byte[length];
            await stream.ReadExactlyAsync(message);
            var text = Encoding.UTF8.GetString(message);
            // From "<PRI>1 TIME HOST APP PROCID MSGID [SD] MSG" keep "MSGID [SD] MSG", as a collector's template writes it.
            var fields = text.Split(' ', 6);
            frames.Add(fields[5]);
        }

        return frames;
    }

    // A TLS listener that records, for each connection, how many bytes of messages it received.
    // (With TLS 1.3 the server's side of the handshake completes before the client checks the
    // certificate, so only what arrives afterwards tells whether the exporter sent anything.)
    private static (int Port, System.Collections.Concurrent.ConcurrentBag<int> Received) ServeTls(X509Certificate2 certificate)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var received = new System.Collections.Concurrent.ConcurrentBag<int>();
        _ = Task.Run(async () =>
        {
            using (listener.Server)
            {
                for (var i = 0; i < 3; i++)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    await using var tls = new SslStream(client.GetStream());
                    try
                    {
                        await tls.AuthenticateAsServerAsync(certificate);
                        var buffer = new byte[4096];
                        int read;
                        while ((read = await tls.ReadAsync(buffer)) > 0)
                        {
                            received.Add(read);
                        }
                    }
                    catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                    {
                        received.Add(0);
                    }
                }

                listener.Stop();
            }
        });
        return (((IPEndPoint)listener.LocalEndpoint).Port, received);
    }

    private static X509Certificate2 SelfSigned(string subject, IPAddress? ip = null, string? dns = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        if (ip is not null)
        {
            sans.AddIpAddress(ip);
        }

        if (dns is not null)
        {
            sans.AddDnsName(dns);
        }

        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
