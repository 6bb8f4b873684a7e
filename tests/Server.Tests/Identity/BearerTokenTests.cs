using System.Net;
using System.Net.Http.Headers;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary>The platform's own APIs with the provider's access tokens: one role rule for tokens and certificates.</summary>
public sealed class BearerTokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Platform = "securityplatform";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task AdministratorsToken_CallsAdminAndOfficerEndpoints_AndIsTheActorOfWhatItDoes()
    {
        var (token, login) = await AccessTokenAsync(["administrator"], [Platform]);
        using var client = Bearer(token);

        using var people = await client.GetAsync($"/identity/people/{login}");
        using var trail = await client.GetAsync("/audit/events?module=identity&action=sign-in&target=" + login);

        Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        Assert.Equal(HttpStatusCode.OK, trail.StatusCode);
    }

    [Fact]
    public async Task TokenWithoutTheRole_Forbidden_RoleRequired_AndAudited()
    {
        var (token, login) = await AccessTokenAsync(["clerk"], [Platform]);
        using var client = Bearer(token);

        using var refused = await client.GetAsync($"/identity/people/{login}");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "role-required");
        var denied = await AuditEvents.ListAsync(Server.AdminClient(), "?module=platform&action=authorization.denied");
        Assert.Contains(denied, e => e.GetProperty("actor").TryGetProperty("user", out var user) && user.GetString() == login);
    }

    [Fact]
    public async Task TokenForAnotherAudience_Unauthorized()
    {
        var (token, login) = await AccessTokenAsync(["administrator"], ["https://exchange.city.example"]);
        using var client = Bearer(token);

        using var refused = await client.GetAsync($"/identity/people/{login}");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "bearer-token-invalid");
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4IiwiYXVkIjoic2VjdXJpdHlwbGF0Zm9ybSJ9.")]
    public async Task MalformedOrUnsignedToken_Unauthorized(string token)
    {
        using var client = Bearer(token);

        using var refused = await client.GetAsync("/identity/people/anyone");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "bearer-token-invalid");
    }

    [Fact]
    public async Task RevokedToken_Unauthorized()
    {
        var (token, login) = await AccessTokenAsync(["administrator"], [Platform]);
        using var anonymous = Server.HttpsClient();
        (await anonymous.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = clientIdOf[token],
        }))).EnsureSuccessStatusCode();
        using var client = Bearer(token);

        using var refused = await client.GetAsync($"/identity/people/{login}");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "bearer-token-invalid");
    }

    private readonly Dictionary<string, string> clientIdOf = [];

    private async Task<(string Token, string Login)> AccessTokenAsync(string[] roles, string[] audiences)
    {
        var (token, login, clientId) = await PersonTokens.AccessTokenAsync(Server, roles, audiences);
        clientIdOf[token] = clientId;
        return (token, login);
    }

    /// <summary>A client on the HTTPS listener without a certificate, sending <paramref name="token"/>.</summary>
    private HttpClient Bearer(string token)
    {
        var client = Server.HttpsClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
