using Org.BouncyCastle.Tsp;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Server.Tests.Security;

/// <summary>Per-address limits on anonymous, audited work: past the limit an address is answered 429 and nothing is audited.</summary>
public sealed class RateLimitTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Tsa_OneRequestPastTheLimit_Answers429AndIsNotAudited()
    {
        using var admin = Server.AdminClient();
        var before = (await AuditEvents.ListAsync(admin, "?action=timestamp.issue&limit=1000")).Count;
        using var anonymous = Server.HttpClient();

        for (var i = 0; i < RateLimitFixture.Limit; i++)
        {
            using var granted = await StampAsync(anonymous);
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        using var refused = await StampAsync(anonymous);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limit-exceeded");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        var after = await AuditEvents.ListAsync(admin, "?action=timestamp.issue&limit=1000");
        Assert.Equal(before + RateLimitFixture.Limit, after.Count);
    }

    [Fact]
    public async Task ForgedClientCertificates_PastTheLimit_Answer429AndAreNotAudited()
    {
        var subject = $"CN=Forger {Guid.NewGuid():n}";
        for (var i = 0; i < RateLimitFixture.Limit; i++)
        {
            // A new TLS connection each time: a refusal is judged, and audited, once per connection.
            using var forger = Server.HttpsClient(AuditorCertificates.Foreign(subject));
            using var refused = await forger.GetAsync("/audit/events");
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "client-certificate-refused");
        }

        using var last = Server.HttpsClient(AuditorCertificates.Foreign(subject));
        using var limited = await last.GetAsync("/audit/events");

        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limit-exceeded");
        Assert.NotNull(limited.Headers.RetryAfter);
        using var admin = Server.AdminClient();
        var recorded = await AuditEvents.ListAsync(admin, "?action=authentication.client-certificate&limit=1000");
        Assert.Equal(RateLimitFixture.Limit, recorded.Count(e => e.GetProperty("details").GetProperty("presentedSubject").GetString() == subject));
    }

    private static async Task<HttpResponseMessage> StampAsync(HttpClient client)
    {
        var query = new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, RandomNumberGenerator.GetBytes(32)).GetEncoded();
        using var content = new ByteArrayContent(query);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/timestamp-query");
        return await client.PostAsync("/tsa", content);
    }
}
