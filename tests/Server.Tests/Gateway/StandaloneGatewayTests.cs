using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using Server.Tests.Identity;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// The gateway run on its own, in front of an upstream, for a platform in another process: it
/// validates that platform's tokens against its published keys and its certificates against its
/// CAs and OCSP responder, asks its decision point about every request, signs with a key certified
/// by its CA, and keeps its own audit trail. Nothing of the CA, the identity provider or the
/// authorization service runs in the gateway's process.
/// </summary>
public sealed class StandaloneGatewayTests(StandaloneGatewayFixture fixture) : IClassFixture<StandaloneGatewayFixture>
{
    [Fact]
    public async Task HostsTheGatewayAlone_PublishesItsCertifiedKey_AndNoOtherModule()
    {
        using var anonymous = fixture.Gateway.HttpClient();

        using var keys = await anonymous.GetAsync("/gateway/keys");
        using var discovery = await anonymous.GetAsync("/.well-known/openid-configuration");
        using var ca = await anonymous.GetAsync("/pki/cas/issuing/crl");

        var key = Assert.Single((await keys.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys").EnumerateArray());
        Assert.Equal(fixture.SigningSerial, key.GetProperty("kid").GetString());
        Assert.Equal(3, key.GetProperty("x5c").GetArrayLength()); // the certificate, the issuing CA, the root
        Assert.Equal(HttpStatusCode.NotFound, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ca.StatusCode);
    }

    [Fact]
    public async Task BearerToken_OfThePlatformsProvider_IsForwardedSigned_UntilRevokedThere()
    {
        var subject = $"CN=hub-{Guid.NewGuid():n},O=Data Exchange Office";
        using var certificate = await CertificateClients.IssueAsync(fixture.Platform, subject);
        var clientId = await CertificateClients.RegisterAsync(fixture.Platform, certificate, "tlsClientAuthSubjectDn", subject, GatewayFixture.Audience);
        using var atPlatform = fixture.Platform.HttpsClient(certificate);
        var token = await TokenAsync(atPlatform, clientId);
        await PermitAsync($"@id(\"hub-approves\") permit(principal == Application::\"{clientId}\", action == Action::\"approve\", resource);");
        using var bound = fixture.Client(certificate);
        using var unbound = fixture.Client();
        var parts = token.Split('.');

        using var allowed = await SendBearerAsync(bound, "/approvals/s-1/approve", token);
        using var stolen = await SendBearerAsync(unbound, "/approvals/s-1/approve", token);
        using var forged = await SendBearerAsync(bound, "/approvals/s-1/approve", parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length));
        (await atPlatform.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["client_id"] = clientId })))
            .EnsureSuccessStatusCode();
        using var revoked = await SendBearerAsync(bound, "/approvals/s-1/approve", token);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var received = Assert.Single(fixture.Upstream.Received, r => r.PathAndQuery == "/approvals/s-1/approve");
        Assert.Equal("allow; policies=hub-approves", received.Headers["X-SecurityPlatform-Decision"]);
        Assert.True(received.Verification!.IsVerified, received.Verification.Failure);
        Assert.Equal(("application", clientId), (received.Verification.Identity!.Kind, received.Verification.Identity.Id));
        await ProblemAssert.IsProblemAsync(stolen, HttpStatusCode.Unauthorized, "access-token-refused");
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.Unauthorized, "access-token-refused");
        // Revocation is not in the token: the platform's decision point, asked about every request, refuses it there.
        await ProblemAssert.IsProblemAsync(revoked, HttpStatusCode.Forbidden, "request-denied");
        Assert.Single(fixture.Upstream.Received, r => r.PathAndQuery == "/approvals/s-1/approve");
    }

    [Fact]
    public async Task ClientCertificate_OfThePlatformsCa_IsForwarded_ThenRefusedOnceRevokedThere()
    {
        using var archivist = await AuthzClient.ClientCertificateAsync(fixture.Platform, $"CN=archivist-{Guid.NewGuid():n},O=City");
        var serial = HolderClient.Serial(archivist);
        await PermitAsync($"@id(\"standalone-archivist\") permit(principal == Certificate::\"{serial}\", action == Action::\"read\", resource == Archive::\"city-archive\");");
        using var client = fixture.Client(archivist);

        using var allowed = await client.GetAsync($"/archive/{serial}");
        using (var admin = fixture.Platform.AdminClient())
        {
            (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
        }

        // The gateway hears of it from the OCSP responder within Gateway:Platform:StatusRefreshSeconds (1 s here).
        var refused = await Eventually.FoundAsync(async () =>
        {
            var response = await client.GetAsync($"/archive/{serial}");
            return response.StatusCode == HttpStatusCode.Unauthorized ? response : null;
        });

        var forwarded = fixture.Upstream.Received.Count(r => r.PathAndQuery == $"/archive/{serial}");
        using var again = await client.GetAsync($"/archive/{serial}");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "client-certificate-refused");
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(forwarded, fixture.Upstream.Received.Count(r => r.PathAndQuery == $"/archive/{serial}"));
    }

    [Fact]
    public async Task ClientCertificate_OfAnotherCa_IsRefused_AndEveryDecisionIsInTheGatewaysOwnTrail()
    {
        using var data = new TemporaryDirectory();
        await using var other = await PlatformServer.StartAsync(data.Path);
        using var stranger = await AuthzClient.ClientCertificateAsync(other, $"CN=stranger-{Guid.NewGuid():n},O=Elsewhere");
        using var clerk = await AuthzClient.ClientCertificateAsync(fixture.Platform, $"CN=clerk-{Guid.NewGuid():n},O=City");
        var serial = HolderClient.Serial(clerk);
        await PermitAsync($"@id(\"standalone-clerk\") permit(principal == Certificate::\"{serial}\", action == Action::\"read\", resource == Archive::\"city-archive\");");
        using var strangerClient = fixture.Client(stranger);
        using var clerkClient = fixture.Client(clerk);

        using var refused = await strangerClient.GetAsync("/archive/minutes");
        using var allowed = await clerkClient.GetAsync($"/archive/{serial}");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "client-certificate-refused");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        // The platform's administrator reads the gateway's trail with the certificate the platform's CA gave it.
        using var admin = fixture.Client(X509Certificate2.CreateFromPemFile(fixture.Platform.DataFile("admin.pem"), fixture.Platform.DataFile("admin.key")));
        var events = await AuditEvents.ListAsync(admin, "?module=gateway&limit=200");
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "request.forward"
            && e.GetProperty("outcome").GetString() == "success"
            && e.GetProperty("details").GetProperty("path").GetString() == $"/archive/{serial}");
        using var platformAdmin = fixture.Platform.AdminClient();
        Assert.DoesNotContain(await AuditEvents.ListAsync(platformAdmin, "?module=gateway&action=request.forward&limit=200"), _ => true);
    }

    [Fact]
    public async Task WithoutThePlatformsAddress_OrItsSigningFiles_OrWithAnUnknownModule_DoesNotStart()
    {
        using var data = new TemporaryDirectory();

        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(data.Path, "--Modules", "gateway,firewall"));
        var noPlatform = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(data.Path, "--Modules", "gateway"));
        var noSigningKey = await Assert.ThrowsAnyAsync<Exception>(() => fixture.StartGatewayAsync("--Gateway:Signing:KeyFile", fixture.File("missing.key")));

        Assert.Contains("'firewall'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Platform:Url", noPlatform.Message, StringComparison.Ordinal);
        Assert.Contains("missing.key", noSigningKey.Message, StringComparison.Ordinal);
    }

    private async Task PermitAsync(string policy)
    {
        using var admin = fixture.Platform.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies + policy));
    }

    private static async Task<string> TokenAsync(HttpClient client, string clientId)
    {
        using var response = await CertificateClients.TokenAsync(client, clientId);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static Task<HttpResponseMessage> SendBearerAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
