using System.Diagnostics;
using Gateway.Verification;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using Server.Tests.Identity;
using Server.Tests.Security;

namespace Server.Tests.Gateway;

/// <summary>
/// The gateway in front of a real upstream: every request authenticated at the edge, decided by the
/// decision point, audited once with its outcome; identity headers only from the gateway.
/// </summary>
public sealed class GatewayEnforcementTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private PlatformServer Server => fixture.Server;

    private Upstream Upstream => fixture.Upstream;

    [Fact]
    public async Task CertificateHolderWithTheRole_IsForwarded_WithTheGatewaysIdentityHeadersOnly_AndAudited()
    {
        using var approver = await HolderAsync("approver");
        var serial = HolderClient.Serial(approver);
        using var client = Server.HttpsClient(approver);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/approvals/a-17/approve");
        request.Headers.Add("X-SecurityPlatform-Principal", "person:mayor");
        request.Headers.Add("x-securityplatform-roles", "administrator");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("upstream answered", await response.Content.ReadAsStringAsync());
        var received = Assert.Single(Upstream.Received, r => r.PathAndQuery == "/approvals/a-17/approve" && r.Headers.GetValueOrDefault("X-SecurityPlatform-Principal") == "certificate:" + serial);
        Assert.False(received.Headers.ContainsKey("X-SecurityPlatform-Roles"));
        Assert.Equal("allow; policies=approvers", received.Headers["X-SecurityPlatform-Decision"]);
        Assert.True(received.Verification!.IsVerified, received.Verification.Failure);
        Assert.Equal(("certificate", serial), (received.Verification.Identity!.Kind, received.Verification.Identity.Id));
        Assert.Equal(["approvers"], received.Verification.Identity.Policies);
        var recorded = await ForwardEventAsync("Approval::\"a-17\"", serial);
        Assert.Equal("success", recorded.GetProperty("outcome").GetString());
        Assert.Equal("allow", recorded.GetProperty("details").GetProperty("decision").GetString());
        Assert.Equal("approvers", recorded.GetProperty("details").GetProperty("policies").GetString());
        Assert.Equal("200", recorded.GetProperty("details").GetProperty("upstreamStatus").GetString());
        Assert.Equal("approve", recorded.GetProperty("details").GetProperty("route").GetString());
    }

    [Fact]
    public async Task Denied_Answers403NamingNoPolicy_ForwardsNothing_AndAuditsTheDeterminingPolicy()
    {
        using var approver = await HolderAsync("approver");
        var serial = HolderClient.Serial(approver);
        using var client = Server.HttpsClient(approver);

        using var response = await client.PostAsync("/approvals/closed/approve", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "request-denied");
        Assert.DoesNotContain("no-closed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Upstream.Received, r => r.PathAndQuery == "/approvals/closed/approve");
        var recorded = await ForwardEventAsync("Approval::\"closed\"", serial);
        Assert.Equal("denied", recorded.GetProperty("outcome").GetString());
        Assert.Equal("no-closed", recorded.GetProperty("details").GetProperty("policies").GetString());
    }

    [Fact]
    public async Task NoCredentials_401WithABearerChallenge_CertificateOnlyRoute_401WithoutOne()
    {
        using var client = Server.HttpsClient();

        using var approval = await client.PostAsync("/approvals/a-1/approve", null);
        using var archive = await client.GetAsync("/archive/report");

        await ProblemAssert.IsProblemAsync(approval, HttpStatusCode.Unauthorized, "credentials-missing");
        Assert.Equal("Bearer", approval.Headers.WwwAuthenticate.ToString());
        await ProblemAssert.IsProblemAsync(archive, HttpStatusCode.Unauthorized, "credentials-missing");
        Assert.Empty(archive.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task AnonymousRoute_IsForwarded_WithoutAnyIdentityHeader()
    {
        using var client = Server.HttpsClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/opening-hours?lang=zh");
        request.Headers.Add("X-SecurityPlatform-Principal", "person:mayor");
        request.Headers.Add("X-SecurityPlatform-Decision", "allow; policies=everything");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(Upstream.Received, r => r.PathAndQuery == "/public/opening-hours?lang=zh");
        Assert.DoesNotContain(received.Headers.Keys, k => k.StartsWith("X-SecurityPlatform-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PolicyChange_TakesEffectOnTheNextRequest()
    {
        using var archivist = await HolderAsync("archivist");
        using var client = Server.HttpsClient(archivist);
        using var admin = Server.AdminClient();
        using (var before = await client.GetAsync("/archive/minutes"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        try
        {
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies.Replace("@id(\"archivists\") permit", "@id(\"archivists\") forbid", StringComparison.Ordinal)));

            using var after = await client.GetAsync("/archive/minutes");

            await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Forbidden, "request-denied");
        }
        finally
        {
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies));
        }
    }

    [Fact]
    public async Task RevokedCertificate_TheNextRequestOnTheSameConnectionIsRefused()
    {
        using var archivist = await HolderAsync("archivist");
        using var connection = new OneConnectionClient(Server.Https, archivist, HttpVersion.Version11);
        using (var before = await connection.Client.GetAsync("/archive/minutes"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await HolderClient.ChangeCertificateAsync(Server.AdminClient(), HolderClient.Serial(archivist), "keyCompromise");
        using var after = await connection.Client.GetAsync("/archive/minutes");

        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized, "client-certificate-refused");
    }

    [Fact]
    public async Task UpstreamDown_502AtOnce_AndAuditedAsAFailure()
    {
        using var approver = await HolderAsync("approver");
        using var client = Server.HttpsClient(approver);
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsync("/down/d-1", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, "upstream-unavailable");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"502 after {clock.Elapsed}");
        var recorded = await ForwardEventAsync("Approval::\"d-1\"", HolderClient.Serial(approver));
        Assert.Equal("failure", recorded.GetProperty("outcome").GetString());
        Assert.Equal("502", recorded.GetProperty("details").GetProperty("upstreamStatus").GetString());
    }

    [Fact]
    public async Task BearerToken_ForTheRoutesAudience_IsForwardedAsItsApplication_OnlyWithItsBoundCertificate()
    {
        var (certificate, clientId, token) = await ApplicationTokenAsync(GatewayFixture.Audience);
        using (certificate)
        {
            using var admin = Server.AdminClient();
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin,
                GatewayFixture.Policies + $"@id(\"hub-approves\") permit(principal == Application::\"{clientId}\", action == Action::\"approve\", resource);"));
            try
            {
                using var bound = Server.HttpsClient(certificate);
                using var unbound = Server.HttpsClient();

                using var allowed = await SendBearerAsync(bound, "/approvals/a-9/approve", token);
                using var stolen = await SendBearerAsync(unbound, "/approvals/a-9/approve", token);

                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
                var received = Assert.Single(Upstream.Received, r => r.PathAndQuery == "/approvals/a-9/approve");
                Assert.Equal("application:" + clientId, received.Headers["X-SecurityPlatform-Principal"]);
                Assert.Equal("allow; policies=hub-approves", received.Headers["X-SecurityPlatform-Decision"]);
                Assert.True(received.Verification!.IsVerified, received.Verification.Failure);
                Assert.Equal(("application", clientId), (received.Verification.Identity!.Kind, received.Verification.Identity.Id));
                await ProblemAssert.IsProblemAsync(stolen, HttpStatusCode.Unauthorized, "access-token-refused");
                Assert.StartsWith("Bearer error=\"invalid_token\"", stolen.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            }
            finally
            {
                await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies));
            }
        }
    }

    [Fact]
    public async Task BearerToken_ForAnotherAudience_OrForged_IsRefused()
    {
        var (certificate, _, token) = await ApplicationTokenAsync("https://another.city.example");
        using (certificate)
        {
            using var client = Server.HttpsClient(certificate);
            var parts = token.Split('.');
            var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);

            using var wrongAudience = await SendBearerAsync(client, "/approvals/a-2/approve", token);
            using var forgedSignature = await SendBearerAsync(client, "/approvals/a-2/approve", forged);

            await ProblemAssert.IsProblemAsync(wrongAudience, HttpStatusCode.Unauthorized, "access-token-refused");
            Assert.Contains(GatewayFixture.Audience, await wrongAudience.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await ProblemAssert.IsProblemAsync(forgedSignature, HttpStatusCode.Unauthorized, "access-token-refused");
            Assert.DoesNotContain(Upstream.Received, r => r.PathAndQuery == "/approvals/a-2/approve");
        }
    }

    [Fact]
    public async Task UpstreamVerifier_TrustsTheGatewaysSignatureOnly_NotAReplayATamperedIdentityOrAnUnsignedRequest()
    {
        using var approver = await HolderAsync("approver");
        using (var client = Server.HttpsClient(approver))
        using (var forwarded = await client.PostAsync("/approvals/v-1/approve?step=2", null))
        {
            Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        }

        var signed = Assert.Single(Upstream.Received, r => r.PathAndQuery == "/approvals/v-1/approve?step=2");
        Assert.True(signed.Verification!.IsVerified, signed.Verification.Failure);
        Assert.Contains("keyid=", signed.Headers["Signature-Input"], StringComparison.Ordinal);

        // Straight to the upstream, past the gateway: the same signed request again, then with another principal, then unsigned.
        var replayed = await SendDirectAsync("/approvals/v-1/approve?step=2", signed.Headers);
        var tampered = await SendDirectAsync("/approvals/v-1/approve?step=2",
            new Dictionary<string, string>(signed.Headers) { ["X-SecurityPlatform-Principal"] = "person:mayor" });
        var unsigned = await SendDirectAsync("/approvals/v-1/approve?step=3", new Dictionary<string, string> { ["X-SecurityPlatform-Principal"] = "person:mayor" });

        Assert.Contains("used before", replayed.Failure, StringComparison.Ordinal);
        Assert.Contains("does not verify", tampered.Failure, StringComparison.Ordinal);
        Assert.Contains("no gateway signature", unsigned.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamVerifier_GatewayKeysUnreachable_RefusesWithTheReason_DoesNotThrow()
    {
        using var approver = await HolderAsync("approver");
        using (var client = Server.HttpsClient(approver))
        using (var forwarded = await client.PostAsync("/approvals/k-1/approve", null))
        {
            Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        }

        var signed = Assert.Single(Upstream.Received, r => r.PathAndQuery == "/approvals/k-1/approve");
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = signed.Method;
        context.Request.Path = signed.PathAndQuery;
        foreach (var (name, value) in signed.Headers)
        {
            context.Request.Headers[name] = value;
        }

        using var nowhere = new HttpClient();
        var verification = await new GatewayIdentityVerifier(nowhere, new Uri("http://127.0.0.1:9/gateway/keys")).VerifyAsync(context.Request);

        Assert.False(verification.IsVerified);
        Assert.Contains("could not be read", verification.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_ArePublishedToAnyone_UnderTheKeyIdTheSignaturesName()
    {
        using var anonymous = Server.HttpClient();

        using var response = await anonymous.GetAsync("/gateway/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        var key = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(key.GetProperty("x5c")[0].GetString()!));
        Assert.Equal(key.GetProperty("kid").GetString(), certificate.SerialNumber.TrimStart('0').ToLowerInvariant());
        Assert.Equal("CN=SecurityPlatform Gateway", certificate.Subject);
    }

    private async Task<GatewayVerification> SendDirectAsync(string path, IReadOnlyDictionary<string, string> headers)
    {
        using var direct = new HttpClient { BaseAddress = Upstream.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        foreach (var (name, value) in headers.Where(h => h.Key.StartsWith("X-SecurityPlatform-", StringComparison.OrdinalIgnoreCase) || h.Key.StartsWith("Signature", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var before = Upstream.Received.Count;
        using var response = await direct.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Upstream.Received.Skip(before).Single().Verification!;
    }

    private async Task<X509Certificate2> HolderAsync(string role)
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, GatewayFixture.Policies));
        var certificate = await AuthzClient.ClientCertificateAsync(Server, $"CN={role}-{Guid.NewGuid():n},O=City");
        await HolderClient.GrantAsync(admin, HolderClient.Serial(certificate), role);
        return certificate;
    }

    private async Task<(X509Certificate2 Certificate, string ClientId, string Token)> ApplicationTokenAsync(string audience)
    {
        var subject = $"CN=hub-{Guid.NewGuid():n},O=Data Exchange Office";
        var certificate = await CertificateClients.IssueAsync(Server, subject);
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSubjectDn", subject, audience);
        using var client = Server.HttpsClient(certificate);
        using var response = await CertificateClients.TokenAsync(client, clientId);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (certificate, clientId, JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!);
    }

    private static Task<HttpResponseMessage> SendBearerAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private async Task<JsonElement> ForwardEventAsync(string target, string serial)
    {
        var events = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=gateway&action=request.forward&target={Uri.EscapeDataString(target)}&limit=100");
        return Assert.Single(events, e => e.GetProperty("actor").TryGetProperty("serial", out var s) && s.GetString() == serial);
    }
}
