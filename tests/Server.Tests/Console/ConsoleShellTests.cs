using System.Net;
using Microsoft.Playwright;
using Server.Tests.Hosting;

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
}
