using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TestSupport;

namespace Server.Tests.Security;

/// <summary>
/// The TLS handshake fetches nothing to judge a client certificate: not the issuer its AIA names,
/// not its CRL, not an OCSP answer for it. Those addresses are the platform's own, so a fetch in
/// the handshake is a blocking call back into the server, and a burst of new connections timed
/// out their handshakes waiting on each other. (The server may still fetch an OCSP answer for its
/// own certificate, to staple it.)
/// </summary>
public sealed class ClientCertificateHandshakeTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Handshake_ClientCertificateNamingUrls_NothingIsFetchedForIt()
    {
        using var addresses = new RecordingListener();
        await using var server = await PlatformServer.StartAsync(data.Path, "--Platform:PublicBaseUrl", addresses.BaseUrl);
        var admin = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(server.DataFile("admin.pem")));
        var issuerUrl = new Uri(CaIssuersUrl(admin)).AbsolutePath;
        var crlUrl = new Uri(CrlUrl(admin)).AbsolutePath;

        using (var client = server.AdminClient())
        using (var response = await client.GetAsync("/pki/certificates"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var requests = addresses.Requests.ToList();
        Assert.DoesNotContain(requests, r => r.Path == issuerUrl);
        Assert.DoesNotContain(requests, r => r.Path == crlUrl);
        Assert.DoesNotContain(requests, r => OcspSerials(r).Contains(admin.SerialNumber));
    }

    private static string CaIssuersUrl(X509Certificate certificate) =>
        AuthorityInformationAccess.GetInstance(Asn1Object.FromByteArray(certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess).GetOctets()))
            .GetAccessDescriptions()
            .Where(d => d.AccessMethod.Equals(AccessDescription.IdADCAIssuers))
            .Select(d => ((IAsn1String)d.AccessLocation.Name).GetString())
            .Single();

    private static string CrlUrl(X509Certificate certificate) =>
        CrlDistPoint.GetInstance(Asn1Object.FromByteArray(certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints).GetOctets()))
            .GetDistributionPoints()
            .SelectMany(p => GeneralNames.GetInstance(p.DistributionPointName.Name).GetNames())
            .Select(n => ((IAsn1String)n.Name).GetString())
            .First();

    /// <summary>The serial numbers an OCSP request (GET, RFC 6960 appendix A) asks about; none for other requests.</summary>
    private static List<Org.BouncyCastle.Math.BigInteger> OcspSerials(RecordedRequest request)
    {
        const string Prefix = "/pki/ocsp/";
        if (!request.Path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return [];
        }

        var der = Convert.FromBase64String(Uri.UnescapeDataString(request.Path[Prefix.Length..]));
        return [.. new OcspReq(der).GetRequestList().Select(r => r.GetCertID().SerialNumber)];
    }

    private sealed record RecordedRequest(string Method, string Path);

    /// <summary>A loopback HTTP listener that records each request line and answers 404 at once.</summary>
    private sealed class RecordingListener : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();

        public RecordingListener()
        {
            listener.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            _ = AnswerAsync();
        }

        public string BaseUrl { get; }

        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }

        private async Task AnswerAsync()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    using var connection = await listener.AcceptTcpClientAsync(stop.Token);
                    var stream = connection.GetStream();
                    var buffer = new byte[8192];
                    var read = await stream.ReadAsync(buffer, stop.Token);
                    var line = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0].Split(' ');
                    Requests.Enqueue(new RecordedRequest(line[0], line.Length > 1 ? line[1] : ""));
                    await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                // Stopped with the test.
            }
        }
    }
}
