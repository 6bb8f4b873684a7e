using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Server.Tests.Identity;

/// <summary>Certificate sign-in, userinfo and RP-initiated logout through the real host.</summary>
public sealed class SessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task CertificateSignIn_BoundCertificate_SignsIn_WithAmrCertificate()
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(Server);
        using var certificate = await BoundCertificateAsync(login);
        using var browser = Server.HttpsClient(certificate, followRedirects: false);
        var verifier = CodeFlowTests.Verifier();

        using var signedIn = await CertificateSignInAsync(browser, clientId, verifier);
        var code = await CodeFlowTests.CodeAfterSignInAsync(browser, signedIn);
        var tokens = await CodeFlowTests.RedeemAsync(Server, clientId, code, verifier);

        var access = new JsonWebToken(tokens.Body.GetProperty("access_token").GetString());
        Assert.Equal(login, access.Subject);
        Assert.Equal("certificate", access.GetClaim("amr").Value);
        var events = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=sign-in&target={login}");
        Assert.Equal("certificate", Assert.Single(events).GetProperty("details").GetProperty("method").GetString());
    }

    [Fact]
    public async Task CertificateSignIn_RevokedCertificate_IsRefusedAtOnce()
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(Server);
        using var certificate = await BoundCertificateAsync(login);
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync($"/pki/certificates/{certificate.SerialNumber.ToLowerInvariant()}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
        using var browser = Server.HttpsClient(certificate, followRedirects: false);

        using var refused = await CertificateSignInAsync(browser, clientId, CodeFlowTests.Verifier());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This certificate cannot sign in now", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateSignIn_WithoutACertificate_ShowsTheLoginPage()
    {
        var (clientId, _) = await CodeFlowTests.SetUpAsync(Server);
        using var browser = Server.HttpsClient(followRedirects: false);

        using var page = await CertificateSignInAsync(browser, clientId, CodeFlowTests.Verifier());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("No certificate was presented", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserInfo_AnswersThePersonsClaims_ForTheAccessToken()
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(Server);
        using var certificate = await BoundCertificateAsync(login);
        using var browser = Server.HttpsClient(certificate, followRedirects: false);
        var verifier = CodeFlowTests.Verifier();
        using var signedIn = await CertificateSignInAsync(browser, clientId, verifier);
        var tokens = await CodeFlowTests.RedeemAsync(Server, clientId, await CodeFlowTests.CodeAfterSignInAsync(browser, signedIn), verifier);
        using var client = Server.HttpsClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Body.GetProperty("access_token").GetString());

        using var response = await client.SendAsync(request);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(login, claims.GetProperty("sub").GetString());
        Assert.Equal("Zhang San", claims.GetProperty("name").GetString());
        Assert.Equal("civil-affairs", claims.GetProperty("department").GetString());
        Assert.Equal(["clerk"], claims.GetProperty("role").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Logout_EndsTheSession_SoTheNextAuthorizeAsksToSignInAgain_AndIsAudited()
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(Server);
        using var certificate = await BoundCertificateAsync(login);
        using var browser = Server.HttpsClient(certificate, followRedirects: false);
        using var signedIn = await CertificateSignInAsync(browser, clientId, CodeFlowTests.Verifier());
        await CodeFlowTests.CodeAfterSignInAsync(browser, signedIn);

        using var logout = await browser.GetAsync("/connect/endsession");
        using var again = await browser.GetAsync(CodeFlowTests.AuthorizeUrl(clientId, CodeFlowTests.Challenge(CodeFlowTests.Verifier())));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("/identity/login?", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var events = await AuditEvents.ListAsync(Server.AdminClient(), $"?module=identity&action=logout&target={login}");
        Assert.Equal("success", Assert.Single(events).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ThirdPartyClient_AsksForConsentOnce_AllowGivesTheCode_DenyGivesAccessDenied()
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(Server, ConsentTypes.Explicit);
        using var certificate = await BoundCertificateAsync(login);
        using var browser = Server.HttpsClient(certificate, followRedirects: false);
        using var signedIn = await CertificateSignInAsync(browser, clientId, CodeFlowTests.Verifier());

        using var consent = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        var page = await consent.Content.ReadAsStringAsync();
        using var forged = await browser.PostAsync("/connect/authorize", ConsentForm(page, "allow", withAntiforgery: false));
        using var denied = await browser.PostAsync("/connect/authorize", ConsentForm(page, "deny"));
        using var allowed = await browser.PostAsync("/connect/authorize", ConsentForm(page, "allow"));
        using var later = await browser.GetAsync(CodeFlowTests.AuthorizeUrl(clientId, CodeFlowTests.Challenge(CodeFlowTests.Verifier())));

        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.Contains("asks to act for", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("asks to act for", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("access_denied", QueryHelpers.ParseQuery(denied.Headers.Location!.Query)["error"].ToString());
        Assert.StartsWith(CodeFlowTests.RedirectUri + "?code=", allowed.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Contains("code=", later.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_CarryTheRolesAndClearanceOfValidAttributeCertificates_AndRefreshReadsThemAgain()
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(Server);
        using var certificate = await BoundCertificateAsync(login);
        using var admin = Server.AdminClient();
        var holder = certificate.SerialNumber.TrimStart('0').ToLowerInvariant();
        using var granted = await admin.PostAsJsonAsync("/pmi/attribute-certificates",
            new { holderSerial = holder, roles = new[] { "approver" }, department = "civil-affairs", clearance = "secret", validityDays = 30 });
        Assert.True(granted.StatusCode == HttpStatusCode.Created, await granted.Content.ReadAsStringAsync());
        var attributeSerial = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serialNumber").GetString();
        using var browser = Server.HttpsClient(certificate, followRedirects: false);
        var verifier = CodeFlowTests.Verifier();
        using var signedIn = await CertificateSignInAsync(browser, clientId, verifier);
        var tokens = await CodeFlowTests.RedeemAsync(Server, clientId, await CodeFlowTests.CodeAfterSignInAsync(browser, signedIn), verifier);

        var access = new JsonWebToken(tokens.Body.GetProperty("access_token").GetString());
        (await admin.PostAsJsonAsync($"/pmi/attribute-certificates/{attributeSerial}/revoke", new { })).EnsureSuccessStatusCode();
        var refreshed = await CodeFlowTests.RefreshAsync(Server, clientId, tokens.Body.GetProperty("refresh_token").GetString()!);
        (await admin.PatchAsJsonAsync($"/identity/people/{login}", new { disabled = true })).EnsureSuccessStatusCode();
        var refused = await CodeFlowTests.RefreshAsync(Server, clientId, refreshed.Body.GetProperty("refresh_token").GetString()!);

        Assert.Equal(["clerk", "approver"], access.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal("secret", access.GetClaim("clearance").Value);
        var after = new JsonWebToken(refreshed.Body.GetProperty("access_token").GetString());
        Assert.Equal(["clerk"], after.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.False(after.TryGetClaim("clearance", out _));
        Assert.Equal("certificate", after.GetClaim("amr").Value);
        Assert.Equal("invalid_grant", refused.Body.GetProperty("error").GetString());
    }

    /// <summary>The consent page's form, answered.</summary>
    private static FormUrlEncodedContent ConsentForm(string page, string answer, bool withAntiforgery = true)
    {
        var fields = Regex.Matches(page, """<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Where(f => withAntiforgery || !f.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal))
            .Append(new("consent", answer));
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>Authorize without a session, then the login page's certificate link; the answer to that link.</summary>
    internal static async Task<HttpResponseMessage> CertificateSignInAsync(HttpClient browser, string clientId, string verifier)
    {
        using var authorize = await browser.GetAsync(CodeFlowTests.AuthorizeUrl(clientId, CodeFlowTests.Challenge(verifier)));
        var loginPage = authorize.Headers.Location!.OriginalString;
        var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("https://x"), loginPage).Query)["returnUrl"].ToString();
        return await browser.GetAsync("/identity/login/certificate?returnUrl=" + Uri.EscapeDataString(returnUrl));
    }

    /// <summary>A tls-client certificate of the platform's CA with its key, bound to <paramref name="login"/>.</summary>
    private Task<X509Certificate2> BoundCertificateAsync(string login) => BoundCertificateAsync(Server, login);

    internal static async Task<X509Certificate2> BoundCertificateAsync(PlatformServer server, string login)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest($"CN={login},O=Civil Affairs", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await server.IssueAsync(csr, "tls-client");
        using var admin = server.AdminClient();
        (await admin.PostAsJsonAsync($"/identity/people/{login}/certificates", new { serialNumber = issued.SerialNumber })).EnsureSuccessStatusCode();
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate);
        return certificate.CopyWithPrivateKey(key);
    }
}
