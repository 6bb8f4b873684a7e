using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// The code flow as a person meets it: npm's openid-client builds the request and redeems the
/// answer, a real headless Chromium carries the person through the provider's login and consent
/// pages, and jose verifies every token against JWKS.
/// </summary>
public sealed class BrowserSignInInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Password = "a long enough password";
    private const string Scope = "openid profile roles offline_access";

    private PlatformServer Server => fixture.Server;

    private string Issuer => Server.Https.GetLeftPart(UriPartial.Authority) + "/";

    [Fact]
    public async Task CodeFlow_ThroughTheLoginAndConsentPages_TokensVerifiedByJose_RefreshIntrospectRevokeAndLogout()
    {
        var folder = await OpenIdClient.InstallAsync();
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var login = await NewPersonAsync(["clerk"]);
        var (clientId, secret) = await RegisterAsync(firstParty: false);
        await using var context = await browser.NewContextAsync();
        var relyingParty = await RelyingPartyPages.AttachAsync(context);
        var page = await context.NewPageAsync();

        var flow = new BrowserCodeFlow(folder, CaFile, Issuer, clientId, secret, Scope);
        var outcome = await flow.RunAsync(page, relyingParty, async page =>
        {
            Assert.Equal("/identity/login", new Uri(page.Url).AbsolutePath);
            await SignInAsync(page, login, Password);
            Assert.Equal("Records Portal", await page.Locator("#application").TextContentAsync());
            await page.ClickAsync("#allow");
        });
        var (start, seen) = (outcome.Start, outcome.Seen);

        var idClaims = seen.GetProperty("idToken").GetProperty("claims");
        Assert.Equal(login, idClaims.GetProperty("preferred_username").GetString());
        Assert.Equal(start.GetProperty("nonce").GetString(), idClaims.GetProperty("nonce").GetString());
        Assert.Equal("ES256", seen.GetProperty("idToken").GetProperty("header").GetProperty("alg").GetString());
        var access = seen.GetProperty("accessToken");
        Assert.Equal("at+jwt", access.GetProperty("header").GetProperty("typ").GetString());
        Assert.Equal("civil-affairs", access.GetProperty("claims").GetProperty("department").GetString());
        Assert.Equal("pwd", Single(access.GetProperty("claims").GetProperty("amr")));
        Assert.Equal("ERR_JWT_EXPIRED", seen.GetProperty("expired").GetString());
        Assert.Equal(idClaims.GetProperty("sub").GetString(), seen.GetProperty("userinfo").GetProperty("sub").GetString());
        Assert.True(seen.GetProperty("refreshRotated").GetBoolean());
        Assert.True(seen.GetProperty("activeBefore").GetBoolean());
        Assert.False(seen.GetProperty("activeAfter").GetBoolean());
        Assert.Equal("invalid_grant", seen.GetProperty("reused").GetString());
        Assert.False(seen.GetProperty("rotatedActiveAfterReuse").GetBoolean());

        // RP-initiated logout in the same browser: back at the relying party, and the session is gone.
        Assert.True(await BrowserCodeFlow.LogoutAsync(page, relyingParty, outcome));
        await page.GotoAsync((await flow.StartAsync()).GetProperty("url").GetString()!);
        Assert.Equal("/identity/login", new Uri(page.Url).AbsolutePath);
        var signIns = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=sign-in&target={login}");
        Assert.Equal("success", Assert.Single(signIns).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task CertificateSignIn_InTheBrowser_WithTheStaffMembersCertificate_TokensSayAmrCertificate()
    {
        var folder = await OpenIdClient.InstallAsync();
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var login = await NewPersonAsync(["clerk"]);
        var (clientId, secret) = await RegisterAsync(firstParty: true);
        using var certificate = await SessionTests.BoundCertificateAsync(Server, login);
        using var files = new TestSupport.TemporaryDirectory();
        await File.WriteAllTextAsync(files.File("staff.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(files.File("staff.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await using var context = await browser.NewContextAsync(Server.Https.GetLeftPart(UriPartial.Authority), files.File("staff.pem"), files.File("staff.key"));
        var relyingParty = await RelyingPartyPages.AttachAsync(context);
        var page = await context.NewPageAsync();
        var flow = new BrowserCodeFlow(folder, CaFile, Issuer, clientId, secret, Scope);

        var outcome = await flow.RunAsync(page, relyingParty, page => page.ClickAsync("#certificate"));

        var claims = outcome.Seen.GetProperty("accessToken").GetProperty("claims");
        Assert.Equal(login, claims.GetProperty("sub").GetString());
        Assert.Equal("certificate", Single(claims.GetProperty("amr")));
    }

    [Fact]
    public async Task ConsentDenied_TheRelyingPartyHearsAccessDenied()
    {
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var login = await NewPersonAsync(["clerk"]);
        var (clientId, _) = await RegisterAsync(firstParty: false);
        await using var context = await browser.NewContextAsync();
        var relyingParty = await RelyingPartyPages.AttachAsync(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync(AuthorizeUrl(clientId));
        await SignInAsync(page, login, Password);
        await page.ClickAsync("#deny");
        var callback = QueryHelpers.ParseQuery((await relyingParty.NextAsync()).Query);

        Assert.Equal("access_denied", callback["error"].ToString());
        Assert.Equal("state-b", callback["state"].ToString());
        Assert.False(callback.ContainsKey("code"));
    }

    [Fact]
    public async Task LockedOutAccount_TheRightPasswordIsRefusedOnThePage_AuditedAsLocked()
    {
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var login = await NewPersonAsync(["clerk"]);
        var (clientId, _) = await RegisterAsync(firstParty: true);
        await using var context = await browser.NewContextAsync();
        var relyingParty = await RelyingPartyPages.AttachAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(AuthorizeUrl(clientId));

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInAsync(page, login, "not the password");
            Assert.Equal("/identity/login", new Uri(page.Url).AbsolutePath);
        }

        await SignInAsync(page, login, Password);

        Assert.Equal("/identity/login", new Uri(page.Url).AbsolutePath);
        Assert.Contains("cannot sign in now", await page.Locator("#error").TextContentAsync(), StringComparison.Ordinal);
        var last = (await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=sign-in&target={login}"))[0];
        Assert.Equal("locked", last.GetProperty("details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task DisabledPerson_IsRefusedOnThePage_AndGetsNoCode()
    {
        await using var browser = await HeadlessBrowser.LaunchAsync();
        var login = await NewPersonAsync(["clerk"]);
        var (clientId, _) = await RegisterAsync(firstParty: true);
        using (var admin = Server.AdminClient())
        {
            (await admin.PatchAsJsonAsync($"/identity/people/{login}", new { disabled = true })).EnsureSuccessStatusCode();
        }

        await using var context = await browser.NewContextAsync();
        var relyingParty = await RelyingPartyPages.AttachAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(AuthorizeUrl(clientId));

        await SignInAsync(page, login, Password);

        Assert.Equal("/identity/login", new Uri(page.Url).AbsolutePath);
        Assert.True(await page.Locator("#error").IsVisibleAsync());
        var last = (await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=sign-in&target={login}"))[0];
        Assert.Equal("disabled", last.GetProperty("details").GetProperty("reason").GetString());
    }

    private string CaFile => Server.DataFile("ca-chain.pem");

    private static async Task SignInAsync(IPage page, string login, string password)
    {
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", password);
        // The form posts, and the answer is a page again or a redirect onwards: wait for a new
        // document, fully loaded (a mark on the old one tells them apart; load events can race).
        await page.EvaluateAsync("() => { window.beforeSignIn = true; }");
        await page.ClickAsync("#sign-in");
        await page.WaitForFunctionAsync("() => window.beforeSignIn === undefined && document.readyState === 'complete'");
    }

    private string AuthorizeUrl(string clientId) =>
        Issuer + QueryHelpers.AddQueryString("connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = RelyingPartyPages.Callback, ["response_type"] = "code", ["scope"] = "openid profile",
            ["state"] = "state-b", ["code_challenge"] = CodeFlowTests.Challenge(CodeFlowTests.Verifier()), ["code_challenge_method"] = "S256",
        });

    private async Task<string> NewPersonAsync(string[] roles)
    {
        var login = "browser-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        using var created = await admin.PostAsJsonAsync("/identity/people",
            new { login, displayName = "Li Si", department = "civil-affairs", password = Password, roles });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return login;
    }

    /// <summary>A web application registered through the administration API, as a department's developer would have it; its id and secret.</summary>
    private async Task<(string ClientId, string Secret)> RegisterAsync(bool firstParty)
    {
        var clientId = "records-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/identity/clients", new
        {
            clientId, displayName = "Records Portal", firstParty,
            redirectUris = new[] { RelyingPartyPages.Callback }, postLogoutRedirectUris = new[] { RelyingPartyPages.SignedOut },
            grantTypes = new[] { "authorization_code", "refresh_token" }, scopes = Scope.Split(' '),
            audiences = new[] { "https://records.city.example" }, tokenEndpointAuthMethod = "client_secret_basic",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (clientId, body.GetProperty("clientSecret").GetString()!);
    }

    // A claim jose gives as a string for one value and as an array for several.
    private static string? Single(JsonElement claim) =>
        claim.ValueKind == JsonValueKind.Array ? Assert.Single(claim.EnumerateArray()).GetString() : claim.GetString();
}
