using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// What protects the applications behind the gateway: rate limits per caller and per route (429
/// with Retry-After), a route's body limit (413), a short upstream timeout (504) and active health
/// checks that take a dead destination out of rotation.
/// </summary>
public sealed class GatewayProtectionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Policies = """@id("archivists") permit(principal in Role::"archivist", action == Action::"read", resource == Archive::"city-archive");""";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task AnonymousRoute_LimitedPerAddress_429WithRetryAfterOnceSpent()
    {
        using var client = Server.HttpsClient();
        for (var i = 0; i < 3; i++)
        {
            using var admitted = await client.GetAsync($"/limited/{i}");
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        using var refused = await client.GetAsync("/limited/3");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limit-exceeded");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, refused.Headers.RetryAfter?.ToString());
        Assert.DoesNotContain(fixture.Upstream.Received, r => r.PathAndQuery == "/limited/3");
    }

    [Fact]
    public async Task PerCallerLimit_CountsEachAuthenticatedCallerApart()
    {
        using var first = await ArchivistAsync();
        using var second = await ArchivistAsync();
        using var firstClient = Server.HttpsClient(first);
        using var secondClient = Server.HttpsClient(second);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await StatusesAsync(firstClient, "/quota/minutes", 3));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await StatusesAsync(secondClient, "/quota/minutes", 3));
    }

    [Fact]
    public async Task PerRouteLimit_IsSharedByEveryCaller()
    {
        using var first = await ArchivistAsync();
        using var second = await ArchivistAsync();
        using var firstClient = Server.HttpsClient(first);
        using var secondClient = Server.HttpsClient(second);

        var statuses = new List<HttpStatusCode>();
        statuses.AddRange(await StatusesAsync(firstClient, "/busy/minutes", 2));
        statuses.AddRange(await StatusesAsync(secondClient, "/busy/minutes", 2));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task BodyOverTheRoutesLimit_413_WithOrWithoutALength_NothingForwarded()
    {
        using var client = Server.HttpsClient();

        using var small = await client.PostAsync("/upload/small", new ByteArrayContent(new byte[512]));
        using var declared = await client.PostAsync("/upload/declared", new ByteArrayContent(new byte[2048]));
        using var chunked = await client.PostAsync("/upload/chunked", new StreamContent(new MemoryStream(new byte[64 * 1024])) { Headers = { ContentLength = null } });

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        await ProblemAssert.IsProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await ProblemAssert.IsProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.DoesNotContain(fixture.Upstream.Received, r => r.PathAndQuery == "/upload/declared");
    }

    [Fact]
    public async Task UpstreamSlowerThanTheClustersTimeout_504()
    {
        using var client = Server.HttpsClient();
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync("/slow/report");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout, "upstream-timeout");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4.5), $"504 after {clock.Elapsed}");
    }

    [Fact]
    public async Task DeadDestination_IsTakenOutOfRotationByActiveHealthChecks()
    {
        using var client = Server.HttpsClient();

        // Round robin over a live and a dead destination: once the checks have found the dead one, every request is answered.
        await Eventually.EqualAsync(true, async () => (await StatusesAsync(client, "/pair/x", 6)).All(s => s == HttpStatusCode.OK), TimeSpan.FromSeconds(20));
    }

    private async Task<X509Certificate2> ArchivistAsync()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, Policies));
        var certificate = await AuthzClient.ClientCertificateAsync(Server, $"CN=archivist-{Guid.NewGuid():n},O=City");
        await HolderClient.GrantAsync(admin, HolderClient.Serial(certificate), "archivist");
        return certificate;
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string path, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
