using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary>
/// RFC 8705 through the real host: applications authenticating with a client certificate of the
/// platform's CA, their access tokens bound to that certificate, and each way a certificate is refused.
/// </summary>
public sealed class TlsClientAuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Discovery_AnnouncesTlsClientAuth_AndCertificateBoundAccessTokens()
    {
        using var client = Server.HttpsClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        foreach (var field in new[] { "token_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported" })
        {
            Assert.Contains("tls_client_auth", discovery.GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        }

        Assert.True(discovery.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean());
    }

    [Fact]
    public async Task RegisteredCertificate_GetsATokenBoundToIt_IntrospectedWithItsCnf_AndAudited()
    {
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=exchange-hub,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSubjectDn", "CN=exchange-hub,O=Data Exchange Office");
        using var client = Server.HttpsClient(certificate);

        using var response = await CertificateClients.TokenAsync(client, clientId);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var jwt = new JsonWebToken(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        Assert.Equal(clientId, jwt.Subject);
        var cnf = JsonDocument.Parse(jwt.GetClaim("cnf").Value).RootElement;
        Assert.Equal(CertificateClients.Thumbprint(certificate), cnf.GetProperty("x5t#S256").GetString());

        using var introspection = await client.PostAsync("/connect/introspect", new FormUrlEncodedContent(
            [new("token", jwt.EncodedToken), new("client_id", clientId)]));
        var introspected = await introspection.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(introspected.GetProperty("active").GetBoolean(), introspected.ToString());
        Assert.Equal(CertificateClients.Thumbprint(certificate), introspected.GetProperty("cnf").GetProperty("x5t#S256").GetString());

        var issued = Assert.Single(await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.issue&target={clientId}"));
        Assert.Equal("success", issued.GetProperty("outcome").GetString());
        Assert.Equal(clientId, issued.GetProperty("actor").GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task DnsNameRegistration_MatchesTheCertificatesAlternativeName_WithoutRegardToCase()
    {
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=Registry Service,O=Civil Affairs", dnsName: "registry.city.example");
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSanDns", "Registry.City.Example");
        using var client = Server.HttpsClient(certificate);

        using var response = await CertificateClients.TokenAsync(client, clientId);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NoCertificate_NoTokenAndNoIntrospection()
    {
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=hub-a,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSubjectDn", "CN=hub-a,O=Data Exchange Office");
        using var client = Server.HttpsClient();

        using var token = await CertificateClients.TokenAsync(client, clientId);
        using var introspection = await client.PostAsync("/connect/introspect", new FormUrlEncodedContent([new("token", "anything"), new("client_id", clientId)]));

        // A client-credentials request with no credential at all is malformed before any client is looked at (RFC 6749 §5.2).
        Assert.Equal("invalid_request", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var refused = await introspection.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_client", refused.GetProperty("error").GetString());
        Assert.Contains("none was presented", refused.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherSubject_InvalidClient_AuditedAsNameMismatch()
    {
        using var registered = await CertificateClients.IssueAsync(Server, "CN=hub-b,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(Server, registered, "tlsClientAuthSubjectDn", "CN=hub-b,O=Data Exchange Office");
        // The same key, so only the name differs.
        using var key = registered.GetECDsaPrivateKey()!;
        using var impostor = await CertificateClients.IssueAsync(Server, "CN=hub-b-impostor,O=Data Exchange Office", key: key);

        using var client = Server.HttpsClient(impostor);

        await AssertRefusedAsync(client, clientId, "certificate-name-mismatch");
    }

    [Fact]
    public async Task RegisteredNameWithAnotherKey_InvalidClient_AuditedAsKeyNotRegistered()
    {
        using var registered = await CertificateClients.IssueAsync(Server, "CN=hub-c,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(Server, registered, "tlsClientAuthSubjectDn", "CN=hub-c,O=Data Exchange Office");
        using var rekeyed = await CertificateClients.IssueAsync(Server, "CN=hub-c,O=Data Exchange Office");

        using var client = Server.HttpsClient(rekeyed);

        await AssertRefusedAsync(client, clientId, "certificate-key-not-registered");
    }

    [Fact]
    public async Task RevokedCertificate_InvalidClient_AuditedAsRefused()
    {
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=hub-d,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSubjectDn", "CN=hub-d,O=Data Exchange Office");
        using var client = Server.HttpsClient(certificate);
        using (var first = await CertificateClients.TokenAsync(client, clientId))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var admin = Server.AdminClient();
        var serial = certificate.SerialNumber.TrimStart('0').ToLowerInvariant();
        (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();

        // The same keep-alive connection: the revocation takes effect on its next request.
        var refused = await AssertRefusedAsync(client, clientId, "certificate-refused");
        Assert.Contains("revoked", refused.GetProperty("details").GetProperty("errorDescription").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateClientSendingASecret_InvalidClient_AuditedAsMethodMismatch()
    {
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=hub-e,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSubjectDn", "CN=hub-e,O=Data Exchange Office");

        using var client = Server.HttpsClient(certificate);

        await AssertRefusedAsync(client, clientId, "method-mismatch", ("client_secret", "guessed"));
    }

    [Fact]
    public async Task SecretClientPresentingOnlyACertificate_InvalidClient_WithItsSecret_AnUnboundToken()
    {
        const string secret = "a long client secret of the registry";
        var clientId = await TestClients.RegisterAsync(Server, secret);
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=registry,O=Civil Affairs");
        using var client = Server.HttpsClient(certificate);

        await AssertRefusedAsync(client, clientId, "certificate-not-registered", ("scope", TestClients.ApiScope));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", TestClients.ApiScope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(clientId + ":" + Uri.EscapeDataString(secret))));
        using var withSecret = await client.SendAsync(request);
        var body = await withSecret.Content.ReadAsStringAsync();
        Assert.True(withSecret.StatusCode == HttpStatusCode.OK, body);
        var jwt = new JsonWebToken(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        Assert.False(jwt.TryGetClaim("cnf", out _));
    }

    [Fact]
    public async Task BoundToken_AtThePlatformsApi_RefusedWithoutItsCertificate_OrWithAnother()
    {
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=hub-f,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSubjectDn", "CN=hub-f,O=Data Exchange Office", audience: "securityplatform");
        using var holder = Server.HttpsClient(certificate);
        using var issued = await CertificateClients.TokenAsync(holder, clientId);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var other = await CertificateClients.IssueAsync(Server, "CN=someone else,O=Civil Affairs");

        using var anonymous = Server.HttpsClient();
        using var another = Server.HttpsClient(other);
        using var withoutCertificate = await GetPeopleAsync(anonymous, token);
        using var withAnother = await GetPeopleAsync(another, token);
        using var withItsOwn = await GetPeopleAsync(holder, token);

        var missing = await ProblemAssert.IsProblemAsync(withoutCertificate, HttpStatusCode.Unauthorized, "bearer-token-invalid");
        Assert.Contains("presents none", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var mismatched = await ProblemAssert.IsProblemAsync(withAnother, HttpStatusCode.Unauthorized, "bearer-token-invalid");
        Assert.Contains("another client certificate", mismatched.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Accepted as the application's token; the application is simply no administrator.
        await ProblemAssert.IsProblemAsync(withItsOwn, HttpStatusCode.Forbidden, "role-required");
    }

    [Fact]
    public async Task CodeFlowApplication_ItsPersonsTokensAreBound_UserinfoAndRefreshNeedItsCertificate()
    {
        using var certificate = await CertificateClients.IssueAsync(Server, "CN=approvals,O=Department of Works");
        var clientId = await CertificateClients.RegisterAsync(Server, certificate, "tlsClientAuthSubjectDn", "CN=approvals,O=Department of Works", "https://approvals.city.example", codeFlow: true);
        var login = "clerk-" + Guid.NewGuid().ToString("n")[..8];
        using (var admin = Server.AdminClient())
        {
            (await admin.PostAsJsonAsync("/identity/people", new { login, displayName = "Zhao Liu", department = "works" })).EnsureSuccessStatusCode();
        }

        using var staff = await SessionTests.BoundCertificateAsync(Server, login);
        using var browser = Server.HttpsClient(staff, followRedirects: false);
        var verifier = CodeFlowTests.Verifier();
        using var signedIn = await SessionTests.CertificateSignInAsync(browser, clientId, verifier);
        var code = await CodeFlowTests.CodeAfterSignInAsync(browser, signedIn);
        using var application = Server.HttpsClient(certificate);
        using var anonymous = Server.HttpsClient();

        using var redeemed = await application.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code,
            ["redirect_uri"] = CodeFlowTests.RedirectUri, ["code_verifier"] = verifier,
        }));
        var tokens = await redeemed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(redeemed.StatusCode == HttpStatusCode.OK, tokens.ToString());
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal(CertificateClients.Thumbprint(certificate),
            JsonDocument.Parse(new JsonWebToken(access).GetClaim("cnf").Value).RootElement.GetProperty("x5t#S256").GetString());

        using var userinfoWithIt = await UserInfoAsync(application, access);
        using var userinfoWithout = await UserInfoAsync(anonymous, access);
        var refresh = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        });
        using var refreshedWithout = await anonymous.PostAsync("/connect/token", refresh);

        Assert.Equal(HttpStatusCode.OK, userinfoWithIt.StatusCode);
        Assert.Equal(login, (await userinfoWithIt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sub").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, userinfoWithout.StatusCode);
        Assert.Contains("invalid_token", userinfoWithout.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_client", (await refreshedWithout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static Task<HttpResponseMessage> UserInfoAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> GetPeopleAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/identity/people/nobody");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    /// <summary>Asserts a token request is refused as invalid_client, audited once with <paramref name="reason"/>; that event.</summary>
    private async Task<JsonElement> AssertRefusedAsync(HttpClient client, string clientId, string reason, params (string, string)[] extra)
    {
        using var response = await CertificateClients.TokenAsync(client, clientId, extra);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, body);
        Assert.Equal("invalid_client", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());

        var events = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.issue&target={clientId}&outcome=failure");
        var refused = Assert.Single(events);
        Assert.Equal(reason, refused.GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("invalid_client", refused.GetProperty("details").GetProperty("error").GetString());
        Assert.False(refused.GetProperty("actor").TryGetProperty("clientId", out _));
        return refused;
    }
}
