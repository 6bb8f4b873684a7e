using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Platform.Keys;
using Platform.Keys.Pkcs11;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary>
/// The token failing while the platform runs: what a reset or a removal does to the process (every
/// session and the login gone). Signing answers "try later" in each protocol's own way, nothing is
/// half issued, and the next request signs again.
/// </summary>
public sealed class Pkcs11FaultTests
{
    [Fact]
    public async Task TokenFails_SigningRequests_AnswerTryLaterThenRecover()
    {
        var token = SoftHsm.Require().TakeToken();
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path, SoftHsm.PlatformArguments(token));
        var store = (Pkcs11KeyStore)server.Services.GetRequiredService<IKeyStore>();
        using var admin = server.AdminClient();
        using var anonymous = server.HttpClient();
        var serial = (await server.IssueAsync(TestCsrs.Ecdsa("CN=before.example.org", null, "before.example.org"), "tls-server")).SerialNumber;

        // Background signers (checkpoints, OCSP pre-signing) may meet the failure first and
        // reopen the sessions; so the failure is made again until a request meets it.
        Assert.True(await MeetsFailureAsync(store, async () =>
        {
            var before = await CertificateCountAsync(admin);
            using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = TestCsrs.Ecdsa("CN=during.example.org", null, "during.example.org"), profile = "tls-server" });
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return false;
            }

            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "key-store-unavailable");
            Assert.Equal(before, await CertificateCountAsync(admin));
            return true;
        }), "no issuance met the failed token");

        Assert.True(await MeetsFailureAsync(store, async () =>
        {
            var status = await StampStatusAsync(anonymous);
            Assert.True(status is PkiFailureInfo.SystemFailure or 0, $"failure info {status}");
            return status == PkiFailureInfo.SystemFailure;
        }), "no time-stamp request met the failed token");

        Assert.True(await MeetsFailureAsync(store, async () =>
        {
            var status = await OcspStatusAsync(server, anonymous, serial);
            Assert.True(status is OcspRespStatus.TryLater or OcspRespStatus.Successful, $"OCSP status {status}");
            return status == OcspRespStatus.TryLater;
        }), "no OCSP request met the failed token");

        // Service resumes once the token is back: the next requests sign.
        Assert.Equal(0, await StampStatusAsync(anonymous));
        Assert.Equal(OcspRespStatus.Successful, await OcspStatusAsync(server, anonymous, serial));
        await server.IssueAsync(TestCsrs.Ecdsa("CN=after.example.org", null, "after.example.org"), "tls-server");
    }

    private static async Task<bool> MeetsFailureAsync(Pkcs11KeyStore store, Func<Task<bool>> request)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            store.Token.CloseAllSessions();
            if (await request())
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<int> CertificateCountAsync(HttpClient admin)
    {
        using var page = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/pki/certificates?limit=1000"));
        return page.RootElement.GetProperty("certificates").GetArrayLength();
    }

    /// <summary>0 for a granted token, else the rejection's PKIFailureInfo.</summary>
    private static async Task<int> StampStatusAsync(HttpClient client)
    {
        var query = new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, RandomNumberGenerator.GetBytes(32));
        using var content = new ByteArrayContent(query.GetEncoded());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/timestamp-query");
        using var response = await client.PostAsync("/tsa", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = new TimeStampResponse(await response.Content.ReadAsByteArrayAsync());
        return reply.Status is 0 or 1 ? 0 : reply.GetFailInfo().IntValue;
    }

    /// <summary>The response status of a request with a nonce, which the responder must sign afresh.</summary>
    private static async Task<int> OcspStatusAsync(PlatformServer server, HttpClient client, string serial)
    {
        var issuing = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(server.DataFile("issuing-ca.pem")));
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuing, new BigInteger(serial, 16)));
        generator.SetRequestExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
        {
            [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(new DerOctetString(RandomNumberGenerator.GetBytes(16)))),
        }));
        using var content = new ByteArrayContent(generator.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await client.PostAsync("/pki/ocsp", content);
        return new OcspResp(await response.Content.ReadAsByteArrayAsync()).Status;
    }
}
