using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using Server.Tests.Identity;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// The gateway keeps decisions (on by default), and a kept allow never outlives what it rested on:
/// a revoked attribute certificate or a changed policy denies the next request, on this node and on
/// another node sharing the database; and requests that differ in who asks or what they ask for are
/// decided apart.
/// </summary>
public sealed class GatewayDecisionCacheTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task CachedAllow_AttributeCertificateRevoked_TheNextRequestIsDenied()
    {
        var (archivist, attribute) = await HolderAsync(Server, "archivist");
        using (archivist)
        using (var client = Server.HttpsClient(archivist))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, HttpMethod.Get, "/archive/minutes"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, HttpMethod.Get, "/archive/minutes"));

            await RevokeAttributeAsync(Server, attribute);

            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(client, HttpMethod.Get, "/archive/minutes"));
        }
    }

    [Fact]
    public async Task CachedAllow_ForOnePerson_IsNotAnotherPersonsAnswer_NorForAnotherResource()
    {
        using (var admin = Server.AdminClient())
        {
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies));
        }

        var (approver, _, _) = await PersonTokens.AccessTokenAsync(Server, ["approver"], [GatewayFixture.Audience]);
        var (clerk, _, _) = await PersonTokens.AccessTokenAsync(Server, ["clerk"], [GatewayFixture.Audience]);
        using var client = Server.HttpsClient();

        Assert.Equal(HttpStatusCode.OK, await BearerAsync(client, "/approvals/a-31/approve", approver));
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(client, "/approvals/a-31/approve", approver));
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/approvals/a-31/approve", clerk));
        Assert.Equal(HttpStatusCode.Forbidden, await BearerAsync(client, "/approvals/closed/approve", approver));
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(client, "/approvals/a-31/approve", approver));
    }

    [Fact]
    public async Task OtherNode_RevokesTheAttributeCertificate_OrChangesThePolicies_ThisNodesCachedAllowEnds()
    {
        await using var upstream = await Upstream.StartAsync();
        await using var nodes = await TwoNodes.StartAsync(GatewayFixture.Arguments(upstream.Address, GatewayFixture.DownAddress()));
        var (archivist, attribute) = await HolderAsync(nodes.First, "archivist");
        var (approver, _) = await HolderAsync(nodes.First, "approver");
        using (archivist)
        using (approver)
        using (var reading = nodes.Second.HttpsClient(archivist))
        using (var approving = nodes.Second.HttpsClient(approver))
        {
            await Eventually.EqualAsync(HttpStatusCode.OK, () => StatusAsync(reading, HttpMethod.Get, "/archive/minutes"));
            await Eventually.EqualAsync(HttpStatusCode.OK, () => StatusAsync(approving, HttpMethod.Post, "/approvals/a-40/approve"));

            await RevokeAttributeAsync(nodes.First, attribute);
            using (var admin = nodes.First.AdminClient())
            {
                await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies.Replace("@id(\"approvers\") permit", "@id(\"approvers\") forbid", StringComparison.Ordinal)));
            }

            // The other node learns both through the database's signal (its periodic refresh is off in TwoNodes).
            await Eventually.EqualAsync(HttpStatusCode.Forbidden, () => StatusAsync(reading, HttpMethod.Get, "/archive/minutes"));
            await Eventually.EqualAsync(HttpStatusCode.Forbidden, () => StatusAsync(approving, HttpMethod.Post, "/approvals/a-40/approve"));
        }
    }

    private static async Task<(X509Certificate2 Certificate, string Attribute)> HolderAsync(PlatformServer server, string role)
    {
        using var admin = server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies));
        var certificate = await AuthzClient.ClientCertificateAsync(server, $"CN={role}-{Guid.NewGuid():n},O=City");
        return (certificate, await HolderClient.GrantAsync(admin, HolderClient.Serial(certificate), role));
    }

    private static async Task RevokeAttributeAsync(PlatformServer server, string attribute)
    {
        using var admin = server.AdminClient();
        using var revoked = await admin.PostAsJsonAsync($"/pmi/attribute-certificates/{attribute}/revoke", new { });
        Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, HttpMethod method, string path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path));
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> BearerAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
