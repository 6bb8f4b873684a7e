using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using Server.Tests.Hosting;
using Server.WebConsole;

namespace Server.Tests.Console;

/// <summary>The console's shell in a real browser: sign-in, navigation by role, languages, headers, redirects, cross-site requests.</summary>
public sealed class ConsoleShellTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task SignIn_PasswordAndOneTimeCode_HomeShowsWhoAndRoles()
    {
        await using var session = await fixture.SignInAsync(["auditor"]);
        var page = session.Page;

        Assert.Contains("Wang Fang", await page.Locator("#signed-in-as").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(session.Person.Login, await page.Locator("#home-login").TextContentAsync());
        Assert.Equal("auditor", await page.Locator("#home-roles li").TextContentAsync());
        Assert.Equal("password and one-time code", await page.Locator("#home-method").TextContentAsync());
        await ConsoleScreenshots.TakeAsync(page, "home");
        Assert.Empty(session.BrowserErrors);
    }

    [Fact]
    public async Task SignIn_ClientCertificateBoundToThePerson_HomeShowsCertificateAndTheOfficersSections()
    {
        var person = await ConsolePerson.CreateAsync(Server, ["auditor"], displayName: "Li Na");
        using var certificate = await Identity.SessionTests.BoundCertificateAsync(Server, person.Login);
        using var files = new TestSupport.TemporaryDirectory();
        await File.WriteAllTextAsync(files.File("staff.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(files.File("staff.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var browser = await fixture.BrowserAsync();
        await using var context = await browser.NewContextAsync(Server.Https.GetLeftPart(UriPartial.Authority), files.File("staff.pem"), files.File("staff.key"));
        var page = await context.NewPageAsync();

        await page.GotoAsync(Server.Https.GetLeftPart(UriPartial.Authority) + "/console");
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/identity/login");
        await page.ClickAsync("#certificate");
        await page.Locator("#signed-in-as").WaitForAsync(new() { Timeout = 15_000 });

        Assert.Contains("Li Na", await page.Locator("#signed-in-as").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("certificate", await page.Locator("#home-method").TextContentAsync());
        Assert.Equal(1, await page.Locator("#nav-audit").CountAsync());
        await ConsoleScreenshots.TakeAsync(page, "home-certificate");
    }

    [Theory]
    [InlineData(new[] { "clerk" }, new[] { "home" })]
    [InlineData(new[] { "auditor" }, new[] { "home", "audit", "certificates", "authorization" })]
    [InlineData(new[] { "registration-officer" }, new[] { "home", "registration" })]
    [InlineData(new[] { "administrator" }, new[] { "home", "audit", "registration", "certificates", "authorization", "people", "applications", "departments" })]
    public async Task Navigation_ShowsOnlyTheSectionsTheRolesAllow(string[] roles, string[] sections)
    {
        await using var session = await fixture.SignInAsync(roles);
        var page = session.Page;

        var links = await page.Locator("#nav a").EvaluateAllAsync<string[]>("links => links.map(a => a.id.replace('nav-', ''))");
        Assert.Equal(sections, links);
        if (!sections.Contains("audit"))
        {
            // Typing the address of a section the roles do not allow shows nothing of it; the API would refuse anyway.
            await page.EvaluateAsync("() => { location.hash = '#/audit'; }");
            await session.WaitAsync("#not-allowed");
            Assert.Equal(0, await page.Locator("#audit-search").CountAsync());
        }

        await ConsoleScreenshots.TakeAsync(page, "nav-" + string.Join('-', roles));
    }

    [Fact]
    public async Task Chinese_AcceptLanguageZhCn_TheConsoleIsInChinese_AndTheSwitcherChangesIt()
    {
        await using var session = await fixture.SignInAsync(["auditor"], locale: "zh-CN");
        var page = session.Page;

        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Equal("首页", await page.Locator("#nav-home").TextContentAsync());
        Assert.Equal("审计", await page.Locator("#nav-audit").TextContentAsync());
        Assert.Equal("密码加一次性验证码", await page.Locator("#home-method").TextContentAsync());
        await session.OpenAsync("audit");
        await session.WaitAsync("#audit-search-time");
        Assert.Equal("检索", await page.Locator("#audit-search-submit").TextContentAsync());
        await ConsoleScreenshots.TakeAsync(page, "audit-zh-CN");

        await page.SelectOptionAsync("#language", "en");
        await page.Locator("#nav-audit", new() { HasText = "Audit" }).WaitForAsync();
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Empty(session.BrowserErrors);
    }

    [Fact]
    public async Task ConsoleResponses_CarryTheStrictPolicy_AndTheLanguageIsNegotiated()
    {
        using var client = Server.HttpsClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console");
        request.Headers.AcceptLanguage.ParseAdd("zh-TW, en;q=0.5");
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ConsoleHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);

        using var script = await client.GetAsync("/console/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ConsoleHeaders.ContentSecurityPolicy, Assert.Single(script.Headers.GetValues("Content-Security-Policy")));
        using var english = await client.GetAsync("/console");
        Assert.Contains("<html lang=\"en\">", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_NoPolicyViolations_AndAnInjectedInlineScriptIsRefused()
    {
        await using var session = await fixture.SignInAsync(["auditor"]);
        var page = session.Page;
        foreach (var (pageId, rest, ready) in new[] { ("home", "", "#home-login"), ("audit", "", "#audit-search-time"), ("audit", "/checkpoints", "#seen-heading") })
        {
            await session.OpenAsync(pageId, rest);
            await session.WaitAsync(ready);
        }

        Assert.Empty(session.BrowserErrors);

        // The listener does hear a violation: markup injected into the page cannot run.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s); }");
        await page.WaitForTimeoutAsync(200);
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === 1"));
        Assert.Contains(session.BrowserErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Root_RedirectsToTheConsole_PlainHttpToTheHttpsListener()
    {
        using var https = Server.HttpsClient(followRedirects: false);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.Http };

        using var root = await https.GetAsync("/");
        using var plainRoot = await http.GetAsync("/");
        using var plainConsole = await http.GetAsync("/console?x=1");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/console", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, plainRoot.StatusCode);
        Assert.Equal(new Uri(Server.Https, "/console"), plainRoot.Headers.Location);
        Assert.Equal(new Uri(Server.Https, "/console?x=1"), plainConsole.Headers.Location);
    }

    [Fact]
    public async Task CrossSiteFormPost_WithTheBrowsersCookiesAndAnAdministratorsCertificate_IsRefused()
    {
        var browser = await fixture.BrowserAsync();
        // The strongest ambient credential a browser can hold: the administrator's client certificate,
        // presented by the TLS layer to any request, plus the identity provider's session cookie.
        await using var context = await browser.NewContextAsync(Server.Https.GetLeftPart(UriPartial.Authority), Server.DataFile("admin.pem"), Server.DataFile("admin.key"));
        await using var session = await ConsoleSession.SignInAsync(Server, context, ["administrator"]);
        var target = new Uri(Server.Https, "/identity/people").AbsoluteUri;
        var login = "forged-" + Guid.NewGuid().ToString("n")[..8];
        await using var site = await ForeignSite.StartAsync($"""
            <!DOCTYPE html><html><body>
            <form id="forged" method="post" action="{target}">
            <input name="login" value="{login}"><input name="displayName" value="Forged"><input name="department" value="x">
            <button id="send" type="submit">send</button></form>
            </body></html>
            """);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Address.AbsoluteUri);

        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#send"), target);
        // The form's answer took that page to the platform's origin; the script runs on the foreign one.
        await page.GotoAsync(site.Address.AbsoluteUri);
        var fetched = await page.EvaluateAsync<string>($$"""
            () => fetch('{{target}}', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ login: '{{login}}', displayName: 'Forged', department: 'x' }) }).then(r => 'answered ' + r.status, e => 'blocked: ' + e.name)
            """);

        Assert.True(answer.Status is >= 400 and < 500, $"The forged form post was answered {answer.Status}.");
        Assert.StartsWith("blocked", fetched, StringComparison.Ordinal);
        using var admin = Server.AdminClient();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/identity/people/{login}")).StatusCode);
    }
}
