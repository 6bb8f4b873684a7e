using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Server.Tests.Hosting;

namespace Server.Tests.Console.Admin;

/// <summary>The people page in a real browser: a person added, then found by the server's search with their sign-in state; and the other administration pages load clean.</summary>
[Collection(ConsoleAdministrationCollection.Name)]
public sealed class PeoplePageTests(ConsoleFixture fixture)
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Administrator_AddsAPerson_AndFindsThemListed()
    {
        var login = "zhao.lei-" + Guid.NewGuid().ToString("n")[..6];
        await using var session = await fixture.SignInAsync(["administrator"]);
        var page = session.Page;

        await session.OpenAsync("people");
        await page.Locator("#people-table").WaitForAsync();
        await page.FillAsync("#new-login", login);
        await page.FillAsync("#new-name", "Zhao Lei");
        await page.FillAsync("#new-department", "civil-affairs");
        await page.FillAsync("#new-roles", "clerk");
        await page.FillAsync("#new-password", "a long enough password for zhao");
        await page.ClickAsync("#new-submit");
        var created = await AdminBrowser.TextAsync(page, "#person-created", login);
        await Assertions.Expect(page.Locator("#people-table tbody tr")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var row = await page.Locator("#people-table tbody tr").TextContentAsync();
        var totp = await page.Locator($"[id='totp-{login}']").TextContentAsync();
        await ConsoleScreenshots.TakeAsync(page, "people-created");

        Assert.Contains("was added", created, StringComparison.Ordinal);
        Assert.Contains("Zhao Lei", row, StringComparison.Ordinal);
        Assert.Contains("civil-affairs", row, StringComparison.Ordinal);
        Assert.Equal("Not enrolled", totp);
        using var admin = Server.AdminClient();
        using var person = await admin.GetAsync($"/identity/people/{login}");
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        using var body = JsonDocument.Parse(await person.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("passwordSet").GetBoolean());
        Assert.Equal(["clerk"], body.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(session.BrowserErrors);
    }

    [Theory]
    [InlineData("applications", "#applications-table", "en-US")]
    [InlineData("departments", "#departments-filters", "en-US")]
    [InlineData("people", "#people-table", "zh-CN")]
    [InlineData("certificates", "#certificates-filters", "zh-CN")]
    public async Task Page_LoadsWithoutBrowserErrors_InEitherLanguage(string pageId, string selector, string locale)
    {
        await using var session = await fixture.SignInAsync(["administrator"], locale);
        var page = session.Page;

        await session.OpenAsync(pageId);
        await page.Locator(selector).WaitForAsync();
        var heading = await page.Locator("main h1").TextContentAsync();
        await ConsoleScreenshots.TakeAsync(page, $"{pageId}-{locale}");

        Assert.False(string.IsNullOrWhiteSpace(heading));
        Assert.Equal(locale == "zh-CN", heading!.Any(c => c > '\u2e80'));
        Assert.Empty(session.BrowserErrors);
    }
}
