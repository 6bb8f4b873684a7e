using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Identity.Storage.OpenIddict;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary>The registry of applications through the real host: its administration API, its refusals, the secret answered once, and the audit events.</summary>
public sealed class ClientEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    private static object Web(string clientId) => new
    {
        clientId,
        displayName = "Online Approvals",
        redirectUris = new[] { "https://approvals.city.example/signin-oidc" },
        grantTypes = new[] { "authorization_code", "refresh_token" },
        scopes = new[] { "openid", "profile", "offline_access" },
        audiences = new[] { "https://approvals.city.example" },
        tokenEndpointAuthMethod = "client_secret_basic",
    };

    [Fact]
    public async Task Create_AnswersTheSecretOnce_StoredHashed_GetNeverShowsIt()
    {
        using var admin = Server.AdminClient();

        using var created = await admin.PostAsJsonAsync("/identity/clients", Web("approvals"));
        var body = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        using var client = JsonDocument.Parse(body);
        var secret = client.RootElement.GetProperty("clientSecret").GetString()!;
        Assert.Equal("confidential", client.RootElement.GetProperty("clientType").GetString());
        var manager = Server.Services.GetRequiredService<IOpenIddictApplicationManager>();
        var application = (await manager.FindByClientIdAsync("approvals"))!;
        Assert.NotEqual(secret, ((IdentityApplication)application).ClientSecret);
        Assert.True(await manager.ValidateClientSecretAsync(application, secret));
        using var read = await admin.GetAsync("/identity/clients/approvals");
        var readBody = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain("clientSecret", readBody, StringComparison.Ordinal);
        Assert.DoesNotContain(((IdentityApplication)application).ClientSecret!, readBody, StringComparison.Ordinal);
        using var list = await admin.GetAsync("/identity/clients?limit=200");
        Assert.DoesNotContain("clientSecret", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = await AuditEvents.ListAsync(admin, "?module=identity&action=client.create&target=approvals");
        Assert.Equal("success", Assert.Single(events).GetProperty("outcome").GetString());
        Assert.DoesNotContain(secret, events[0].GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TakenClientId_Conflict_AuditedAsFailure()
    {
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync("/identity/clients", Web("taken"))).EnsureSuccessStatusCode();

        using var again = await admin.PostAsJsonAsync("/identity/clients", Web("taken"));

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "client-exists");
        var events = await AuditEvents.ListAsync(admin, "?module=identity&action=client.create&target=taken");
        Assert.Equal(["failure", "success"], events.Select(e => e.GetProperty("outcome").GetString()));
    }

    [Theory]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["password"]}""", "grant-type-unsupported", "grantTypes")]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["authorization_code"], "redirectUris": ["http://a.example/cb"]}""", "redirect-uri-invalid", "redirectUris")]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["authorization_code"], "redirectUris": ["https://a.example/cb"], "postLogoutRedirectUris": ["https://a.example/*"]}""", "redirect-uri-invalid", "postLogoutRedirectUris")]
    [InlineData("""{"clientId": "A B", "displayName": "A", "grantTypes": ["client_credentials"]}""", "client-id-invalid", "clientId")]
    [InlineData("""{"clientId": "a", "grantTypes": ["client_credentials"]}""", "display-name-invalid", "displayName")]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["client_credentials"], "tokenEndpointAuthMethod": "private_key_jwt", "jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}""", "jwks-private-key", "jwks")]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["client_credentials"], "tokenEndpointAuthMethod": "private_key_jwt", "jwks": "not a set"}""", "jwks-invalid", "jwks")]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["client_credentials"], "tokenEndpointAuthMethod": "magic"}""", "auth-method-unsupported", "tokenEndpointAuthMethod")]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["client_credentials"], "audiences": ["no uri"]}""", "audience-invalid", "audiences")]
    public async Task Create_BadField_BadRequestNamingTheField(string json, string code, string field)
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/identity/clients", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("""{"clientId": "a", "displayName": "A", "grantTypes": ["client_credentials"], "clientSecret": "mine"}""", "body-invalid")]
    [InlineData("""{"clientId": 7}""", "body-invalid")]
    [InlineData("""[1]""", "body-invalid")]
    [InlineData("""{"clientId": """, "json-invalid")]
    public async Task Create_BadBody_BadRequest(string json, string code)
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/identity/clients", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task UnknownClient_NotFound_ForReadChangeDeleteAndSecret()
    {
        using var admin = Server.AdminClient();

        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/identity/clients/nobody"), HttpStatusCode.NotFound, "client-unknown");
        await ProblemAssert.IsProblemAsync(await admin.PatchAsJsonAsync("/identity/clients/nobody", new { displayName = "X" }), HttpStatusCode.NotFound, "client-unknown");
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync("/identity/clients/nobody"), HttpStatusCode.NotFound, "client-unknown");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/identity/clients/nobody/secret", null), HttpStatusCode.NotFound, "client-unknown");
        var events = await AuditEvents.ListAsync(admin, "?module=identity&target=nobody");
        Assert.Equal(3, events.Count(e => e.GetProperty("outcome").GetString() == "failure"));
    }

    [Fact]
    public async Task Patch_RotateAndDelete_EachAnsweredAndAuditedOnce()
    {
        using var admin = Server.AdminClient();
        using var created = await admin.PostAsJsonAsync("/identity/clients", Web("lifecycle"));
        var first = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        var manager = Server.Services.GetRequiredService<IOpenIddictApplicationManager>();

        using var patched = await admin.PatchAsJsonAsync("/identity/clients/lifecycle", new { displayName = "Renamed", firstParty = true });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var patchedBody = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Renamed", patchedBody.GetProperty("displayName").GetString());
        Assert.True(patchedBody.GetProperty("firstParty").GetBoolean());
        Assert.False(patchedBody.TryGetProperty("clientSecret", out _));
        await ProblemAssert.IsProblemAsync(await admin.PatchAsJsonAsync("/identity/clients/lifecycle", new { tokenEndpointAuthMethod = "none" }), HttpStatusCode.BadRequest, "body-invalid");

        using var rotated = await admin.PostAsync("/identity/clients/lifecycle/secret", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        var application = (await manager.FindByClientIdAsync("lifecycle"))!;
        Assert.True(await manager.ValidateClientSecretAsync(application, second));
        Assert.False(await manager.ValidateClientSecretAsync(application, first));

        using var deleted = await admin.DeleteAsync("/identity/clients/lifecycle");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/identity/clients/lifecycle"), HttpStatusCode.NotFound, "client-unknown");
        foreach (var action in new[] { "client.update", "client.secret-rotate", "client.delete" })
        {
            var events = await AuditEvents.ListAsync(admin, $"?module=identity&action={action}&target=lifecycle&outcome=success");
            Assert.Single(events);
        }
    }

    [Fact]
    public async Task Registered_ResourceScope_IsGrantedAtTheTokenEndpoint_AnUnregisteredOneIsInvalidScope()
    {
        using var admin = Server.AdminClient();
        var registration = new
        {
            clientId = "exchange-hub",
            displayName = "Data exchange hub",
            grantTypes = new[] { "client_credentials" },
            scopes = new[] { "exchange.read" },
            audiences = new[] { "https://exchange.city.example" },
            tokenEndpointAuthMethod = "client_secret_basic",
        };
        using var created = await admin.PostAsJsonAsync("/identity/clients", registration);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        using var https = Server.HttpsClient();

        using var granted = await https.SendAsync(TokenRequest("exchange-hub", secret, "exchange.read"));
        using var unknown = await https.SendAsync(TokenRequest("exchange-hub", secret, "exchange.write"));

        var token = await granted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(granted.StatusCode == HttpStatusCode.OK, token.GetRawText());
        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token.GetProperty("access_token").GetString());
        Assert.Equal("exchange.read", claims.GetClaim("scope").Value);
        Assert.Equal("https://exchange.city.example", Assert.Single(claims.Audiences));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("invalid_scope", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static HttpRequestMessage TokenRequest(string clientId, string secret, string scope) => new(HttpMethod.Post, "/connect/token")
    {
        Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", scope)]),
        Headers = { Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret))) },
    };

    [Fact]
    public async Task Api_WithoutAdministratorRole_Forbidden_WithoutCertificate_Unauthorized()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=Clerk,O=Department of Works", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await Server.IssueAsync(csr, "tls-client");
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate).CopyWithPrivateKey(key);
        using var clerk = Server.HttpsClient(certificate);
        using var anonymous = Server.HttpsClient();

        await ProblemAssert.IsProblemAsync(await clerk.PostAsJsonAsync("/identity/clients", Web("clerks-app")), HttpStatusCode.Forbidden, "role-required");
        await ProblemAssert.IsProblemAsync(await clerk.GetAsync("/identity/clients"), HttpStatusCode.Forbidden, "role-required");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/identity/clients"), HttpStatusCode.Unauthorized, "client-certificate-required");
        Assert.Null(await Server.Services.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync("clerks-app"));
    }

    [Fact]
    public async Task List_BadLimitOrCursor_BadRequest()
    {
        using var admin = Server.AdminClient();

        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/identity/clients?limit=0"), HttpStatusCode.BadRequest, "limit-invalid");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/identity/clients?cursor=%20x"), HttpStatusCode.BadRequest, "cursor-invalid");
    }
}
