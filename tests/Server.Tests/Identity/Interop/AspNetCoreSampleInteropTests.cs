using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// samples/SignInSample, a web application on nothing but ASP.NET Core's OpenID Connect and JWT
/// bearer handlers: a person signs in to it through the platform in a real browser, and its API
/// accepts the platform's access tokens for its audience only.
/// </summary>
public sealed class AspNetCoreSampleInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Password = "a long enough password";
    private const string Audience = "https://works.city.example";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task SampleApp_SignsInThroughTheLoginPage_ItsApiAcceptsTheTokenForItsAudienceOnly()
    {
        var port = FreePort();
        var origin = $"https://127.0.0.1:{port}";
        var (clientId, secret) = await RegisterAsync(origin);
        var login = await NewPersonAsync();
        using var files = new TemporaryDirectory();
        var tls = await LoopbackTlsCertificate.IssueAsync(Server, files, "sample");
        await using var sample = await StartSampleAsync(tls, origin, clientId, secret);
        await using var browser = await HeadlessBrowser.LaunchAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(origin + "/");
        Assert.Equal("/identity/login", new Uri(page.Url).AbsolutePath);
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(origin + "/");

        Assert.Equal("Wang Wu", await page.Locator("#user").TextContentAsync());
        Assert.Equal("public-works", await page.Locator("#department").TextContentAsync());

        // Its API, with JwtBearer configured from discovery: a token for its audience, then one for another.
        var (token, tokenLogin, _) = await PersonTokens.AccessTokenAsync(Server, ["inspector"], [Audience]);
        var (foreign, _, _) = await PersonTokens.AccessTokenAsync(Server, ["inspector"], ["https://exchange.city.example"]);
        using var api = SampleClient(tls.CaFile);
        using var accepted = await GetMeAsync(api, origin, token);
        using var refused = await GetMeAsync(api, origin, foreign);
        using var anonymous = await api.GetAsync(origin + "/api/me");

        var me = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, me.ToString());
        Assert.Equal(tokenLogin, me.GetProperty("subject").GetString());
        Assert.Equal(["inspector"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // Sign-out goes through the provider's end-session endpoint and back.
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(origin + "/signed-out");
    }

    private static Task<HttpResponseMessage> GetMeAsync(HttpClient client, string origin, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, origin + "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private async Task<WebApplication> StartSampleAsync(LoopbackTlsCertificate tls, string origin, string clientId, string secret)
    {
        var app = SignInSample.SampleApp.Build(
        [
            "--urls", origin,
            "--Kestrel:Certificates:Default:Path", tls.CertificateFile,
            "--Kestrel:Certificates:Default:KeyPath", tls.KeyFile,
            "--Oidc:Authority", Server.Https.GetLeftPart(UriPartial.Authority) + "/",
            "--Oidc:ClientId", clientId,
            "--Oidc:ClientSecret", secret,
            "--Oidc:Audience", Audience,
            "--Oidc:TrustedCaFile", Server.DataFile("ca-chain.pem"),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        return app;
    }

    /// <summary>A client of the sample that trusts the platform's CA, which issued the sample's certificate.</summary>
    private static HttpClient SampleClient(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.ExtraStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        return new HttpClient(handler);
    }

    private async Task<(string ClientId, string Secret)> RegisterAsync(string origin)
    {
        var clientId = "works-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/identity/clients", new
        {
            clientId, displayName = "Department of Works", firstParty = true,
            redirectUris = new[] { origin + "/signin-oidc" }, postLogoutRedirectUris = new[] { origin + "/signout-callback-oidc" },
            grantTypes = new[] { "authorization_code" }, scopes = new[] { "openid", "profile", "roles" },
            audiences = new[] { Audience }, tokenEndpointAuthMethod = "client_secret_basic",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (clientId, body.GetProperty("clientSecret").GetString()!);
    }

    private async Task<string> NewPersonAsync()
    {
        var login = "works-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync("/identity/people",
            new { login, displayName = "Wang Wu", department = "public-works", password = Password, roles = new[] { "inspector" } })).EnsureSuccessStatusCode();
        return login;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
