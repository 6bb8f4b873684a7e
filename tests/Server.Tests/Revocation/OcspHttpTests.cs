using TestSupport;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Server.Tests.Revocation;

/// <summary>The responder over HTTP: GET and POST, RFC 5019 caching, and every kind of bad request.</summary>
public sealed class OcspHttpTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Get_NoncelessRequest_IsPreSignedAndCacheable()
    {
        var (request, _) = await RequestForNewCertificateAsync();
        using var client = Server.HttpClient();
        var path = "/pki/ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(request));

        using var first = await client.GetAsync(path);
        using var second = await client.GetAsync(path);

        Assert.Equal("application/ocsp-response", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.True(first.Headers.CacheControl?.MaxAge > TimeSpan.Zero);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.NotNull(first.Content.Headers.Expires);
        Assert.Null(Single(await first.Content.ReadAsByteArrayAsync()).GetCertStatus()); // good
    }

    [Fact]
    public async Task Revoke_AfterACachedGoodAnswer_NextAnswerIsRevoked()
    {
        var (request, serial) = await RequestForNewCertificateAsync();
        Assert.Null((await PostAsync(request)).GetCertStatus());

        using (var admin = Server.AdminClient())
        using (var revoked = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "privilegeWithdrawn" }))
        {
            revoked.EnsureSuccessStatusCode();
        }

        var status = Assert.IsType<RevokedStatus>((await PostAsync(request)).GetCertStatus());
        Assert.Equal(CrlReason.PrivilegeWithdrawn, status.RevocationReason);
    }

    public static TheoryData<string, byte[]> MalformedBodies => new()
    {
        { "empty", [] },
        { "random", RandomNumberGenerator.GetBytes(300) },
        { "sequence of garbage", [0x30, 0x03, 0x02, 0x01, 0x05] },
        { "deep nesting", [.. Enumerable.Repeat(new byte[] { 0x30, 0x80 }, 2000).SelectMany(b => b)] },
        { "over 64 KiB", new byte[(64 * 1024) + 1] },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Post_MalformedBody_AnswersMalformedRequest(string what, byte[] body)
    {
        Assert.NotNull(what);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");

        await AssertOcspStatusAsync(await Server.HttpClient().PostAsync("/pki/ocsp", content), OcspRespStatus.MalformedRequest);
    }

    [Fact]
    public async Task Post_TruncatedRequest_AnswersMalformedRequest()
    {
        var (request, _) = await RequestForNewCertificateAsync();
        for (var length = 1; length < request.Length; length += 7)
        {
            using var content = new ByteArrayContent(request[..length]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            await AssertOcspStatusAsync(await Server.HttpClient().PostAsync("/pki/ocsp", content), OcspRespStatus.MalformedRequest);
        }
    }

    [Fact]
    public async Task Post_WrongContentType_AnswersMalformedRequest()
    {
        var (request, _) = await RequestForNewCertificateAsync();
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await AssertOcspStatusAsync(await Server.HttpClient().PostAsync("/pki/ocsp", content), OcspRespStatus.MalformedRequest);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("not*base64")]
    [InlineData("AAAA")]
    public async Task Get_InvalidBase64OrDer_AnswersMalformedRequest(string path) =>
        await AssertOcspStatusAsync(await Server.HttpClient().GetAsync("/pki/ocsp/" + path), OcspRespStatus.MalformedRequest);

    [Fact]
    public async Task Post_ForeignIssuer_AnswersUnauthorized()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Somebody Else's CA", key, HashAlgorithmName.SHA256);
        using var foreign = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, new X509Certificate(foreign.RawData), BigInteger.ValueOf(1234)));

        using var content = new ByteArrayContent(generator.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");

        await AssertOcspStatusAsync(await Server.HttpClient().PostAsync("/pki/ocsp", content), OcspRespStatus.Unauthorized);
    }

    [Fact]
    public async Task Post_OverlongNonce_AnswersMalformedRequest()
    {
        var (_, serial) = await RequestForNewCertificateAsync();
        var generator = new OcspReqGenerator();
        generator.AddRequest(IdFor(serial));
        generator.SetRequestExtensions(new X509Extensions(new Dictionary<Org.BouncyCastle.Asn1.DerObjectIdentifier, X509Extension>
        {
            [Org.BouncyCastle.Asn1.Ocsp.OcspObjectIdentifiers.PkixOcspNonce] =
                new(false, new Org.BouncyCastle.Asn1.DerOctetString(new Org.BouncyCastle.Asn1.DerOctetString(new byte[33]))),
        }));
        using var content = new ByteArrayContent(generator.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");

        await AssertOcspStatusAsync(await Server.HttpClient().PostAsync("/pki/ocsp", content), OcspRespStatus.MalformedRequest);
    }

    [Fact]
    public async Task Post_BadChunkedFraming_AnswersMalformedRequest()
    {
        // Kestrel accepts the headers and throws only when the body is read: "zz" is no chunk size.
        var answer = await SendRawAsync(
            "POST /pki/ocsp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ocsp-request\r\n" +
            "Transfer-Encoding: chunked\r\n\r\nzz\r\n0\r\n\r\n");

        AssertRawOcspStatus(answer, OcspRespStatus.MalformedRequest);
    }

    [Fact]
    public async Task Post_ChunkedBodyOver64KiB_AnswersMalformedRequest()
    {
        // No Content-Length to refuse up front: the limit holds while the body streams in.
        var chunk = new string('A', 16 * 1024);
        var body = string.Concat(Enumerable.Repeat($"{chunk.Length:x}\r\n{chunk}\r\n", 5)) + "0\r\n\r\n";
        var answer = await SendRawAsync(
            "POST /pki/ocsp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ocsp-request\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n" + body);

        AssertRawOcspStatus(answer, OcspRespStatus.MalformedRequest);
    }

    /// <summary>Sends <paramref name="request"/> as written, then reads one HTTP/1.1 answer whole.</summary>
    private async Task<(string Head, byte[] Body)> SendRawAsync(string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Server.Http.Host, Server.Http.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), timeout.Token);

        var received = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            var text = System.Text.Encoding.ASCII.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var head = text[..end];
                var length = int.Parse(head.Split("\r\n").Single(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim());
                if (received.Count >= end + 4 + length)
                {
                    return (head, received.GetRange(end + 4, length).ToArray());
                }
            }

            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "the server closed the connection before answering");
            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static void AssertRawOcspStatus((string Head, byte[] Body) answer, int status)
    {
        Assert.StartsWith("HTTP/1.1 200 ", answer.Head);
        Assert.Contains("Content-Type: application/ocsp-response", answer.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(status, new OcspResp(answer.Body).Status);
    }

    private async Task<(byte[] Request, string Serial)> RequestForNewCertificateAsync()
    {
        var name = "ocsp-http-" + Guid.NewGuid().ToString("n")[..8];
        var issued = await Server.IssueAsync(TestCsrs.Ecdsa($"CN={name}.example.org", null, $"{name}.example.org"), "tls-server");
        var generator = new OcspReqGenerator();
        generator.AddRequest(IdFor(issued.SerialNumber));
        return (generator.Generate().GetEncoded(), issued.SerialNumber);
    }

    private CertificateID IdFor(string serial)
    {
        var issuing = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(Server.DataFile("issuing-ca.pem")));
        return new CertificateID(CertificateID.DigestSha1, issuing, new BigInteger(serial, 16));
    }

    private async Task<SingleResp> PostAsync(byte[] request)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await Server.HttpClient().PostAsync("/pki/ocsp", content);
        return Single(await response.Content.ReadAsByteArrayAsync());
    }

    private static SingleResp Single(byte[] der)
    {
        var response = new OcspResp(der);
        Assert.Equal(OcspRespStatus.Successful, response.Status);
        return Assert.Single(((BasicOcspResp)response.GetResponseObject()).Responses);
    }

    private static async Task AssertOcspStatusAsync(HttpResponseMessage response, int status)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(status, new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status);
        }
    }
}
