using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Server.Tests.Identity;

/// <summary>
/// The authorization-code flow with PKCE through the real host, driven the way a browser and a
/// relying party drive it: authorize, the login page, the code, the token endpoint, refresh
/// rotation, and each refusal the protocol requires.
/// </summary>
public sealed partial class CodeFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Password = "a long enough password";
    internal const string RedirectUri = "https://portal.city.example/callback";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task CodeWithPkce_SignsInThroughTheLoginPage_TokensCarryThePerson_AndEachStepIsAudited()
    {
        var (clientId, login) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);
        var verifier = Verifier();

        var code = await SignInForCodeAsync(browser, clientId, login, verifier);
        var tokens = await RedeemAsync(clientId, code, verifier);

        Assert.True(tokens.StatusCode == HttpStatusCode.OK, tokens.Body.ToString());
        var access = new JsonWebToken(tokens.Body.GetProperty("access_token").GetString());
        Assert.Equal("at+jwt", access.Typ);
        Assert.Equal(login, access.Subject);
        Assert.Equal("civil-affairs", access.GetClaim("department").Value);
        Assert.Equal(["clerk"], access.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal("pwd", access.GetClaim("amr").Value);
        var id = new JsonWebToken(tokens.Body.GetProperty("id_token").GetString());
        Assert.Equal(login, id.Subject);
        Assert.Equal("nonce-1", id.GetClaim("nonce").Value);
        Assert.Equal("Zhang San", id.GetClaim("name").Value);
        Assert.True(tokens.Body.TryGetProperty("refresh_token", out _));
        var signIns = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=sign-in&target={login}");
        Assert.Equal("pwd", Assert.Single(signIns).GetProperty("details").GetProperty("method").GetString());
        var issued = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.issue&target={clientId}");
        Assert.Equal("authorization_code", Assert.Single(issued).GetProperty("details").GetProperty("grantType").GetString());
    }

    [Fact]
    public async Task ReplayedCode_IsRefused()
    {
        var (clientId, login) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);
        var verifier = Verifier();
        var code = await SignInForCodeAsync(browser, clientId, login, verifier);

        var first = await RedeemAsync(clientId, code, verifier);
        var replay = await RedeemAsync(clientId, code, verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("invalid_grant", replay.Body.GetProperty("error").GetString());
        var refusals = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.issue&target={clientId}&outcome=failure");
        Assert.Equal("code-replayed", Assert.Single(refusals).GetProperty("details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WrongVerifier_IsRefused()
    {
        var (clientId, login) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);
        var code = await SignInForCodeAsync(browser, clientId, login, Verifier());

        var redeemed = await RedeemAsync(clientId, code, Verifier());

        Assert.Equal("invalid_grant", redeemed.Body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData(null)]
    public async Task PlainOrMissingCodeChallenge_IsRefused(string? method)
    {
        var (clientId, _) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = RedirectUri, ["response_type"] = "code", ["scope"] = "openid", ["state"] = "s",
        };
        if (method is not null)
        {
            query["code_challenge"] = Verifier();
            query["code_challenge_method"] = method;
        }

        using var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query));

        // Refused before the redirect URI is trusted, so answered here rather than sent back to it.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("error:invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/callback")]
    [InlineData(RedirectUri + "/")]
    [InlineData("https://portal.city.example/callback?x=1")]
    public async Task ForeignRedirectUri_IsRefusedWithoutRedirecting(string redirectUri)
    {
        var (clientId, _) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);

        using var response = await browser.GetAsync(AuthorizeUrl(clientId, Challenge(Verifier()), redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task RefreshToken_IsRotated_AndReusingARotatedOneRevokesTheFamily()
    {
        var (clientId, login) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);
        var verifier = Verifier();
        var tokens = await RedeemAsync(clientId, await SignInForCodeAsync(browser, clientId, login, verifier), verifier);
        var first = tokens.Body.GetProperty("refresh_token").GetString()!;

        var rotated = await RefreshAsync(clientId, first);
        Assert.True(rotated.Body.TryGetProperty("refresh_token", out _), rotated.Body.ToString());
        var second = rotated.Body.GetProperty("refresh_token").GetString()!;
        var reused = await RefreshAsync(clientId, first);
        var afterReuse = await RefreshAsync(clientId, second);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal("invalid_grant", reused.Body.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", afterReuse.Body.GetProperty("error").GetString());
        var refusals = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=token.issue&target={clientId}&outcome=failure");
        Assert.Contains(refusals, e => e.GetProperty("details").TryGetProperty("reason", out var reason) && reason.GetString() == "refresh-token-reused");
    }

    [Fact]
    public async Task DisabledPerson_CannotSignIn()
    {
        var (clientId, login) = await SetUpAsync();
        using var admin = Server.AdminClient();
        (await admin.PatchAsJsonAsync($"/identity/people/{login}", new { disabled = true })).EnsureSuccessStatusCode();
        using var browser = Server.HttpsClient(followRedirects: false);

        var page = await PostLoginAsync(browser, clientId, login, Verifier());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("is not right, or this account cannot sign in now", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginForm_WithoutItsAntiforgeryToken_IsRefused()
    {
        var (_, login) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);

        using var response = await browser.PostAsync("/identity/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = login, ["password"] = Password, ["returnUrl"] = "/connect/authorize",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/connect/authorize")]
    [InlineData("/connect/authorize/../../elsewhere")]
    public async Task LoginPage_NeverRedirectsOutsideTheAuthorizationEndpoint(string returnUrl)
    {
        var (_, login) = await SetUpAsync();
        using var browser = Server.HttpsClient(followRedirects: false);
        var token = await AntiforgeryAsync(browser, "/identity/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        using var response = await browser.PostAsync("/identity/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Name] = token.Value, ["login"] = login, ["password"] = Password, ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connect/authorize", response.Headers.Location!.OriginalString);
    }

    private Task<(string ClientId, string Login)> SetUpAsync() => SetUpAsync(Server);

    /// <summary>A person (password, department, role) and a public first-party client allowed the code flow; their names.</summary>
    internal static async Task<(string ClientId, string Login)> SetUpAsync(PlatformServer server, string consentType = ConsentTypes.Implicit,
        string[]? roles = null, string[]? audiences = null)
    {
        var login = "person-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = server.AdminClient();
        (await admin.PostAsJsonAsync("/identity/people",
            new { login, displayName = "Zhang San", department = "civil-affairs", password = Password, roles = roles ?? ["clerk"] })).EnsureSuccessStatusCode();
        var applications = server.Services.GetRequiredService<IOpenIddictApplicationManager>();
        var clientId = "portal-" + Guid.NewGuid().ToString("n")[..8];
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId, ClientType = ClientTypes.Public, ConsentType = consentType, DisplayName = "Portal",
            RedirectUris = { new Uri(RedirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        if (audiences is not null)
        {
            descriptor.Properties["audiences"] = JsonSerializer.SerializeToElement(audiences);
        }

        await applications.CreateAsync(descriptor);
        return (clientId, login);
    }

    internal static string AuthorizeUrl(string clientId, string challenge, string redirectUri = RedirectUri) =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code",
            ["scope"] = "openid profile offline_access", ["state"] = "state-1", ["nonce"] = "nonce-1",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });

    /// <summary>Authorize, sent to the login page, signed in there; the response to the login form.</summary>
    internal static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string clientId, string login, string verifier)
    {
        using var authorize = await browser.GetAsync(AuthorizeUrl(clientId, Challenge(verifier)));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var loginPage = authorize.Headers.Location!.OriginalString;
        Assert.StartsWith("/identity/login?returnUrl=", loginPage, StringComparison.Ordinal);
        var token = await AntiforgeryAsync(browser, loginPage);
        var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("https://x"), loginPage).Query)["returnUrl"].ToString();
        return await browser.PostAsync("/identity/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Name] = token.Value, ["login"] = login, ["password"] = Password, ["code"] = "", ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>Follows the redirect back from a sign-in to the authorization endpoint and on to the client; the code it carries.</summary>
    internal static async Task<string> CodeAfterSignInAsync(HttpClient browser, HttpResponseMessage signedIn)
    {
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        using var back = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        Assert.True(back.StatusCode == HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        var callback = back.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", callback.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    private static async Task<string> SignInForCodeAsync(HttpClient browser, string clientId, string login, string verifier)
    {
        using var signedIn = await PostLoginAsync(browser, clientId, login, verifier);
        return await CodeAfterSignInAsync(browser, signedIn);
    }

    private Task<(HttpStatusCode StatusCode, JsonElement Body)> RedeemAsync(string clientId, string code, string verifier) => RedeemAsync(Server, clientId, code, verifier);

    internal static async Task<(HttpStatusCode StatusCode, JsonElement Body)> RedeemAsync(PlatformServer server, string clientId, string code, string verifier) =>
        await TokenAsync(server, new() { ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier });

    private Task<(HttpStatusCode StatusCode, JsonElement Body)> RefreshAsync(string clientId, string refreshToken) => RefreshAsync(Server, clientId, refreshToken);

    internal static async Task<(HttpStatusCode StatusCode, JsonElement Body)> RefreshAsync(PlatformServer server, string clientId, string refreshToken) =>
        await TokenAsync(server, new() { ["grant_type"] = "refresh_token", ["client_id"] = clientId, ["refresh_token"] = refreshToken });

    private static async Task<(HttpStatusCode StatusCode, JsonElement Body)> TokenAsync(PlatformServer server, Dictionary<string, string> form)
    {
        using var client = server.HttpsClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    internal static async Task<(string Name, string Value)> AntiforgeryAsync(HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        var match = HiddenAntiforgeryField().Match(html);
        Assert.True(match.Success, html);
        return (match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)">""")]
    private static partial Regex HiddenAntiforgeryField();

    internal static string Verifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    internal static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
