using Audit.Tests.Storage;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TestSupport;

namespace Audit.Tests.Export;

/// <summary>RFC 5425: the export over TLS, to a collector whose certificate chains to a configured CA file.</summary>
public sealed class SyslogTlsExportTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Export_Tls_DeliversOctetCountedFramesToTrustedCollector()
    {
        using var certificate = CollectorCertificate();
        await File.WriteAllTextAsync(data.File("collector-ca.pem"), certificate.ExportCertificatePem());
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = ReceiveFramesAsync(listener, certificate, count: 3);

        await using var log = await AuditTestLog.OpenAsync(data.Path, extra: new Dictionary<string, string?>
        {
            ["Audit:Syslog:Host"] = "127.0.0.1",
            ["Audit:Syslog:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Audit:Syslog:Tls"] = "true",
            ["Audit:Syslog:CaFile"] = data.File("collector-ca.pem"),
            ["Audit:Syslog:Format"] = "canonical",
        }, startBackground: true);
        for (var i = 0; i < 3; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(target: $"tls{i}"));
        }

        var frames = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.StartsWith("<110>1 ", f, StringComparison.Ordinal));
        Assert.EndsWith(Encoding.UTF8.GetString((await log.Store.GetEntryAsync(2))!.Entry), frames[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_TlsCollectorNotTrusted_SendsNothingAndTrailUnaffected()
    {
        using var certificate = CollectorCertificate();
        using var other = CollectorCertificate();
        await File.WriteAllTextAsync(data.File("other-ca.pem"), other.ExportCertificatePem());
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = ReceiveFramesAsync(listener, certificate, count: 1);

        await using var log = await AuditTestLog.OpenAsync(data.Path, extra: new Dictionary<string, string?>
        {
            ["Audit:Syslog:Host"] = "127.0.0.1",
            ["Audit:Syslog:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Audit:Syslog:Tls"] = "true",
            ["Audit:Syslog:CaFile"] = data.File("other-ca.pem"),
        }, startBackground: true);
        for (var i = 0; i < 3; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(target: $"untrusted{i}"));
        }

        // The handshake fails on the exporter's side, so the collector never gets a frame.
        var outcome = await Task.WhenAny(received, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.True(outcome != received || received.IsFaulted, "a frame reached a collector the exporter should not trust");
        Assert.Equal(3, await log.Store.GetSizeAsync());
    }

    private static async Task<List<string>> ReceiveFramesAsync(TcpListener listener, X509Certificate2 certificate, int count)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsServerAsync(certificate);
        var frames = new List<string>();
        while (frames.Count < count)
        {
            // Octet counting (RFC 6587 §3.4.1): "LENGTH SP MESSAGE".
            var length = 0;
            int b;
            while ((b = tls.ReadByte()) != ' ')
            {
                Assert.InRange(b, '0', '9');
                length = (length * 10) + (b - '0');
            }

            var message = new byte[length];
            await tls.ReadExactlyAsync(message);
            frames.Add(Encoding.UTF8.GetString(message));
        }

        return frames;
    }

    private static X509Certificate2 CollectorCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=collector", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
