using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Serilog.Events;
using Server.Tests.Revocation;
using System.Net;
using System.Net.Http.Headers;
using TestSupport;

namespace Server.Tests.Hosting;

/// <summary>
/// <c>Platform:PublicBaseUrl</c>: said plainly in the log, and changeable later — new certificates
/// carry the new URLs while the URLs in older certificates keep answering.
/// </summary>
public sealed class PublicBaseUrlTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task FirstStart_LoopbackBaseUrl_WarnsWithTheUrlAndHowToSetIt()
    {
        var logs = new LogCapture();
        await using var server = await PlatformServer.StartAsync(data.Path, logs.Register);

        var warning = Assert.Single(logs.Events, e => e.Level == LogEventLevel.Warning && e.Message.Contains("loopback", StringComparison.Ordinal));
        Assert.Contains(server.Http.OriginalString, warning.Message, StringComparison.Ordinal);
        Assert.Contains("--Platform:PublicBaseUrl", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"{server.Http.Authority}/audit", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicBaseUrl_NotLoopback_NoLoopbackWarning()
    {
        var logs = new LogCapture();
        await using var server = await PlatformServer.StartAsync(data.Path, logs.Register, "--Platform:PublicBaseUrl", "http://pki.city.example");

        Assert.DoesNotContain(logs.Events, e => e.Message.Contains("loopback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_NewBaseUrl_NewCertificatesCarryItAndOldUrlsStillAnswer()
    {
        const string OldBase = "http://pki-old.city.example:8080";
        const string NewBase = "http://pki-new.city.example";
        IssuedCertificateJson old;
        await using (var first = await PlatformServer.StartAsync(data.Path, "--Platform:PublicBaseUrl", OldBase))
        {
            old = await first.IssueAsync(TestCsrs.Ecdsa("CN=old.city.example", null, "old.city.example"), "tls-server");
        }

        var logs = new LogCapture();
        await using var server = await PlatformServer.StartAsync(data.Path, logs.Register, "--Platform:PublicBaseUrl", NewBase);
        var fresh = await server.IssueAsync(TestCsrs.Ecdsa("CN=new.city.example", null, "new.city.example"), "tls-server");

        var oldUrls = Urls(old.Certificate);
        var newUrls = Urls(fresh.Certificate);
        Assert.All(oldUrls, u => Assert.StartsWith(OldBase + "/", u, StringComparison.Ordinal));
        Assert.All(newUrls, u => Assert.StartsWith(NewBase + "/", u, StringComparison.Ordinal));
        Assert.Contains(newUrls, u => u.EndsWith("/pki/ocsp", StringComparison.Ordinal));
        Assert.Contains(newUrls, u => u.EndsWith("/crl", StringComparison.Ordinal));

        // The old certificate's URLs, asked as a relying party would: its host name, whatever serves it.
        foreach (var url in oldUrls.Select(u => new Uri(u)))
        {
            using var client = server.HttpClient();
            using var request = url.AbsolutePath == "/pki/ocsp"
                ? new HttpRequestMessage(HttpMethod.Post, url.AbsolutePath) { Content = OcspContent(server, old.SerialNumber) }
                : new HttpRequestMessage(HttpMethod.Get, url.AbsolutePath);
            request.Headers.Host = url.Authority;
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (url.AbsolutePath == "/pki/ocsp")
            {
                var ocsp = new OcspResp(body);
                Assert.Equal(OcspRespStatus.Successful, ocsp.Status);
                Assert.Null(Assert.Single(((BasicOcspResp)ocsp.GetResponseObject()).Responses).GetCertStatus()); // good
            }
            else if (url.AbsolutePath.EndsWith("/crl", StringComparison.Ordinal))
            {
                Assert.NotNull(new X509CrlParser().ReadCrl(body));
            }
        }

        Assert.Contains(logs.Events, e => e.Message.Contains("origin stays", StringComparison.Ordinal));
    }

    private static ByteArrayContent OcspContent(PlatformServer server, string serial)
    {
        var content = new ByteArrayContent(RevocationQueries.OcspRequest(server, serial));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        return content;
    }

    // The OCSP and CA-issuer URLs of the AIA extension and the CRL distribution points.
    private static List<string> Urls(string pem)
    {
        var certificate = new X509CertificateParser().ReadCertificate(System.Text.Encoding.ASCII.GetBytes(pem));
        var urls = new List<string>();
        var aia = certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess);
        foreach (var description in AuthorityInformationAccess.GetInstance(Asn1Object.FromByteArray(aia.GetOctets())).GetAccessDescriptions())
        {
            urls.Add(((IAsn1String)description.AccessLocation.Name).GetString());
        }

        var cdp = certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints);
        foreach (var point in CrlDistPoint.GetInstance(Asn1Object.FromByteArray(cdp.GetOctets())).GetDistributionPoints())
        {
            urls.AddRange(GeneralNames.GetInstance(point.DistributionPointName.Name).GetNames().Select(n => ((IAsn1String)n.Name).GetString()));
        }

        return urls;
    }
}
