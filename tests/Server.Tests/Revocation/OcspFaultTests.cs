using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Headers;
using TestSupport;

namespace Server.Tests.Revocation;

/// <summary>
/// A fault inside the responder, wherever it happens (the cache lookup on the short-circuited
/// fast path, or signing a new answer), is answered as OCSP internalError with HTTP 200, never
/// as a bare 500 or problem details.
/// </summary>
public sealed class OcspFaultTests(OcspFaultFixture fixture) : IClassFixture<OcspFaultFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Post_CacheLookupThrows_AnswersInternalError()
    {
        var request = await CachedRequestAsync();

        var response = await WhileClockFailsAsync(client => client.PostAsync("/pki/ocsp", Body(request)));

        await AssertInternalErrorAsync(response);
    }

    [Fact]
    public async Task Get_CacheLookupThrows_AnswersInternalError()
    {
        var request = await CachedRequestAsync();

        var response = await WhileClockFailsAsync(client => client.GetAsync("/pki/ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(request))));

        await AssertInternalErrorAsync(response);
    }

    [Fact]
    public async Task Post_ResponderThrows_AnswersInternalError()
    {
        var request = await RequestForNewCertificateAsync();

        var response = await WhileClockFailsAsync(client => client.PostAsync("/pki/ocsp", Body(request)));

        await AssertInternalErrorAsync(response);
    }

    [Fact]
    public async Task Post_AfterAFault_AnswersNormally()
    {
        var request = await CachedRequestAsync();
        (await WhileClockFailsAsync(client => client.PostAsync("/pki/ocsp", Body(request)))).Dispose();

        using var client = Server.HttpClient();
        using var response = await client.PostAsync("/pki/ocsp", Body(request));

        Assert.Equal(OcspRespStatus.Successful, new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status);
    }

    /// <summary>A request whose answer the responder has signed and cached.</summary>
    private async Task<byte[]> CachedRequestAsync()
    {
        var request = await RequestForNewCertificateAsync();
        using var client = Server.HttpClient();
        using var first = await client.PostAsync("/pki/ocsp", Body(request));
        Assert.Equal(OcspRespStatus.Successful, new OcspResp(await first.Content.ReadAsByteArrayAsync()).Status);
        return request;
    }

    private async Task<HttpResponseMessage> WhileClockFailsAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        using var client = Server.HttpClient();
        fixture.Clock.Failing = true;
        try
        {
            return await send(client);
        }
        finally
        {
            fixture.Clock.Failing = false;
        }
    }

    private async Task<byte[]> RequestForNewCertificateAsync()
    {
        var name = "ocsp-fault-" + Guid.NewGuid().ToString("n")[..8];
        var issued = await Server.IssueAsync(TestCsrs.Ecdsa($"CN={name}.example.org", null, $"{name}.example.org"), "tls-server");
        var issuing = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(Server.DataFile("issuing-ca.pem")));
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuing, new BigInteger(issued.SerialNumber, 16)));
        return generator.Generate().GetEncoded();
    }

    private static ByteArrayContent Body(byte[] request)
    {
        var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        return content;
    }

    private static async Task AssertInternalErrorAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoStore);
            Assert.Equal(OcspRespStatus.InternalError, new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status);
        }
    }
}
