using System.Net;
using System.Security.Cryptography;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Acme;

/// <summary>
/// Two nodes over one PostgreSQL database: an account made on one orders on the other, a
/// challenge answered on one makes the order ready on both, and finalizing the same order on both
/// at once issues one certificate.
/// </summary>
public sealed class TwoNodeAcmeTests
{
    [Fact]
    public async Task OrderAcrossNodes_AndRacingFinalizes_IssueOnce()
    {
        TestSupport.ExternalTool.Require("pebble-challtestsrv");
        await using var dns = await ChallengeTestServer.StartAsync();
        var port = LoopbackPorts.Take(1)[0];
        await using var nodes = await TwoNodes.StartAsync(
            "--Pki:Acme:ExternalAccountRequired", "false", "--Pki:Acme:Validation:HttpPort", $"{port}", "--Pki:Acme:Validation:Resolvers:0", dns.DnsResolver);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var onFirst = new AcmeJwsClient(nodes.First.HttpsClient(), key);
        Assert.Equal(HttpStatusCode.Created, (await onFirst.NewAccountAsync()).Status);
        using var onSecond = new AcmeJwsClient(nodes.Second.HttpsClient(), key) { AccountUrl = On(nodes.Second, onFirst.AccountUrl!) };
        var name = $"race-{Guid.NewGuid().ToString("n")[..12]}.example.test";

        var order = await onSecond.NewOrderAsync(name);
        var authorization = (await onFirst.PostAsync(On(nodes.First, order.Json.GetProperty("authorizations")[0].GetString()!), null)).Json;
        var http01 = authorization.GetProperty("challenges").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "http-01");
        var token = http01.GetProperty("token").GetString()!;
        using (ChallengeResponders.Http01(port, token, onFirst.KeyAuthorization(token)))
        {
            Assert.Equal("valid", (await onFirst.PostAsync(http01.GetProperty("url").GetString()!, new { })).Json.GetProperty("status").GetString());
        }

        var finalize = order.Json.GetProperty("finalize").GetString()!;
        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = AcmeJwsClient.Csr(certificateKey, name);
        var race = await Task.WhenAll(onFirst.PostAsync(On(nodes.First, finalize), new { csr }), onSecond.PostAsync(On(nodes.Second, finalize), new { csr }));

        Assert.Single(race, r => r.Status == HttpStatusCode.OK);
        Assert.Equal("orderNotReady", Assert.Single(race, r => r.Status != HttpStatusCode.OK).Problem);
        using var admin = nodes.Second.AdminClient();
        var orderId = order.Headers.Location!.ToString().Split('/')[^1];
        var issued = await AuditEvents.ListAsync(admin, "?action=certificate.issue&limit=500");
        Assert.Single(issued, e => e.GetProperty("details").TryGetProperty("acmeOrder", out var id) && id.GetString() == orderId);
    }

    /// <summary>The same resource on <paramref name="node"/>: nodes differ by port, not by path.</summary>
    private static string On(PlatformServer node, string url) => new Uri(node.Https, new Uri(url).PathAndQuery).ToString();
}
