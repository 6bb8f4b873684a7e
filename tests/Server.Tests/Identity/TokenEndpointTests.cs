using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary>The OpenID Connect server through the real host: discovery, JWKS, the client-credentials grant, introspection and revocation, with their audit events.</summary>
public sealed class TokenEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Secret = "a long client secret of the registry";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Discovery_NamesTheHttpsIssuerAndEveryEndpoint()
    {
        using var client = Server.HttpsClient();

        var discovery = await GetJsonAsync(client, "/.well-known/openid-configuration");

        var issuer = Server.Https.GetLeftPart(UriPartial.Authority) + "/";
        Assert.Equal(issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "connect/introspect", discovery.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(issuer + "connect/revoke", discovery.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(issuer + ".well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        var jwks = await GetJsonAsync(client, "/.well-known/jwks");
        Assert.NotEmpty(jwks.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task ClientCredentials_IssuesAnAtJwtForTheClientAndItsAudiences_VerifiedAgainstJwks_AndAudited()
    {
        var clientId = await RegisterAsync(audiences: ["https://exchange.city.example"]);
        using var client = Server.HttpsClient();

        using var response = await TokenAsync(client, clientId, Secret, "api");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("Bearer", answer.RootElement.GetProperty("token_type").GetString());
        Assert.InRange(answer.RootElement.GetProperty("expires_in").GetInt32(), 200, 300);
        var jwt = answer.RootElement.GetProperty("access_token").GetString()!;
        var validated = await ValidateAsync(client, jwt);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var token = (JsonWebToken)validated.SecurityToken;
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal(clientId, token.Subject);
        Assert.Equal(clientId, token.GetClaim("client_id").Value);
        Assert.Equal(["https://exchange.city.example"], token.Audiences);
        Assert.Equal("api", token.GetClaim("scope").Value);
        var events = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.issue&target={clientId}");
        var issued = Assert.Single(events);
        Assert.Equal("success", issued.GetProperty("outcome").GetString());
        Assert.Equal(clientId, issued.GetProperty("actor").GetProperty("clientId").GetString());
    }

    [Theory]
    [InlineData("wrong secret", "invalid_client")]
    // OpenIddict answers a client-credentials request without a secret as malformed (invalid_request).
    [InlineData(null, "invalid_request")]
    public async Task ClientCredentials_WrongOrMissingSecret_InvalidClient_AndAuditedAsFailure(string? secret, string error)
    {
        var clientId = await RegisterAsync();
        using var client = Server.HttpsClient();

        using var response = secret is null
            ? await client.PostAsync("/connect/token", Form(("grant_type", "client_credentials"), ("client_id", clientId)))
            : await TokenAsync(client, clientId, secret, null);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var events = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.issue&target={clientId}");
        var refused = Assert.Single(events);
        Assert.Equal("failure", refused.GetProperty("outcome").GetString());
        Assert.Equal(error, refused.GetProperty("details").GetProperty("error").GetString());
        // A client that did not authenticate proved nothing: the id it claimed is the target, not the actor.
        Assert.False(refused.GetProperty("actor").TryGetProperty("clientId", out _));
    }

    [Fact]
    public async Task ClientCredentials_UnregisteredGrantOrScope_Refused()
    {
        var clientId = await RegisterAsync();
        using var client = Server.HttpsClient();

        using var scope = await TokenAsync(client, clientId, Secret, "not-granted");
        using var password = await SendAsync(client, clientId, Secret, ("grant_type", "password"), ("username", "x"), ("password", "y"));

        Assert.Equal("invalid_scope", (await scope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("unsupported_grant_type", (await password.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenRequest_OverPlainHttp_IsRefused()
    {
        var clientId = await RegisterAsync();
        using var client = Server.HttpClient();

        using var response = await TokenAsync(client, clientId, Secret, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Introspection_ActiveUntilRevoked_TheRevocationAudited()
    {
        var clientId = await RegisterAsync();
        using var client = Server.HttpsClient();
        using var issued = await TokenAsync(client, clientId, Secret, "api");
        var jwt = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var before = await (await SendToAsync(client, "/connect/introspect", clientId, Secret, ("token", jwt))).Content.ReadFromJsonAsync<JsonElement>();
        using var revoked = await SendToAsync(client, "/connect/revoke", clientId, Secret, ("token", jwt));
        var after = await (await SendToAsync(client, "/connect/introspect", clientId, Secret, ("token", jwt))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(before.GetProperty("active").GetBoolean());
        Assert.Equal(clientId, before.GetProperty("client_id").GetString());
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False(after.GetProperty("active").GetBoolean());
        var revocation = Assert.Single(await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.revoke&target={clientId}"));
        Assert.Equal("success", revocation.GetProperty("outcome").GetString());
        Assert.Equal(clientId, revocation.GetProperty("actor").GetProperty("clientId").GetString());
        Assert.DoesNotContain(jwt, revocation.ToString(), StringComparison.Ordinal);
    }

    private Task<string> RegisterAsync(string[]? audiences = null) => TestClients.RegisterAsync(Server, Secret, audiences);

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string clientId, string secret, string? scope) =>
        scope is null
            ? SendAsync(client, clientId, secret, ("grant_type", "client_credentials"))
            : SendAsync(client, clientId, secret, ("grant_type", "client_credentials"), ("scope", scope));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string clientId, string secret, params (string, string)[] fields) =>
        SendToAsync(client, "/connect/token", clientId, secret, fields);

    /// <summary>A form post with <c>client_secret_basic</c> (RFC 6749 §2.3.1: form-encoded id and secret, then base64).</summary>
    private static Task<HttpResponseMessage> SendToAsync(HttpClient client, string path, string clientId, string secret, params (string, string)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(fields) };
        var credentials = Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return client.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<TokenValidationResult> ValidateAsync(HttpClient client, string jwt)
    {
        var jwks = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = Server.Https.GetLeftPart(UriPartial.Authority) + "/",
            ValidateAudience = false,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
        });
    }
}
