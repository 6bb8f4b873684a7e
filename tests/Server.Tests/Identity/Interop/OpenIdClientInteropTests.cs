using Server.Tests.Hosting;

namespace Server.Tests.Identity.Interop;

/// <summary>npm's openid-client and jose against the platform's provider: a relying party nobody here wrote.</summary>
public sealed class OpenIdClientInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ClientCredentials_Introspection_Revocation_WithOpenIdClient_TokenVerifiedByJose()
    {
        var folder = await OpenIdClient.InstallAsync();
        var server = fixture.Server;
        const string secret = "a secret with spaces & symbols: +/=";
        var clientId = await TestClients.RegisterAsync(server, secret, ["https://exchange.city.example"]);
        var issuer = server.Https.GetLeftPart(UriPartial.Authority) + "/";

        var seen = await OpenIdClient.RunAsync(folder, "client-credentials.mjs", server.DataFile("ca-chain.pem"), issuer, clientId, secret, TestClients.ApiScope);

        Assert.Equal(issuer, seen.GetProperty("issuer").GetString());
        Assert.Equal("bearer", seen.GetProperty("tokenType").GetString());
        Assert.Equal("at+jwt", seen.GetProperty("header").GetProperty("typ").GetString());
        var claims = seen.GetProperty("claims");
        Assert.Equal(clientId, claims.GetProperty("sub").GetString());
        Assert.Equal(clientId, claims.GetProperty("client_id").GetString());
        Assert.Equal("https://exchange.city.example", claims.GetProperty("aud").GetString());
        Assert.True(seen.GetProperty("activeBefore").GetBoolean());
        Assert.Equal(clientId, seen.GetProperty("clientIdBefore").GetString());
        Assert.False(seen.GetProperty("activeAfter").GetBoolean());
        Assert.Equal("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", seen.GetProperty("forged").GetString());
    }
}
