using System.Text.Json;
using Microsoft.Playwright;
using Server.Tests.Hosting;

namespace Server.Tests.Console.Admin;

/// <summary>The authorization page in a real browser: an error shown at its line before saving (nothing saved), then a fixed set saved and its diff in the history; and a tried request's decision with its determining policy.</summary>
[Collection(ConsoleAdministrationCollection.Name)]
public sealed class AuthorizationPageTests(ConsoleFixture fixture)
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Administrator_SeesTheErrorAtItsLine_NothingIsSaved_ThenSavesTheFixAndSeesItsDiff()
    {
        await using var session = await fixture.SignInAsync(["administrator"]);
        var page = session.Page;
        using var admin = Server.AdminClient();
        var activeBefore = await admin.GetStringAsync("/authz/policies");
        var historyBefore = await admin.GetStringAsync("/authz/history?kind=policies");

        await session.OpenAsync("authorization");
        await Assertions.Expect(page.Locator("#policy-text")).ToHaveValueAsync(activeBefore);
        var lines = activeBefore.Split('\n').Length;
        var errorLine = lines + 2;
        await page.FillAsync("#policy-text", activeBefore + "\n@id(\"console-added\")\nforbid(principal == User::\"nobody\" action, resource);");
        await page.ClickAsync("#policy-save");
        var result = await AdminBrowser.TextAsync(page, "#policy-result", "Not saved");
        var problem = await page.Locator("#policy-problems li").First.TextContentAsync();
        var marked = await page.Locator("#policy-gutter li.error-line").AllTextContentsAsync();
        var saveDisabled = await page.Locator("#policy-save").IsDisabledAsync();
        await ConsoleScreenshots.TakeAsync(page, "policy-error-at-line");

        Assert.Contains("do not parse", result, StringComparison.Ordinal);
        Assert.Contains($"line {errorLine}, column", problem, StringComparison.Ordinal);
        Assert.Equal([errorLine.ToString(System.Globalization.CultureInfo.InvariantCulture)], marked);
        Assert.True(saveDisabled);
        Assert.Equal(activeBefore, await admin.GetStringAsync("/authz/policies"));
        Assert.Equal(historyBefore, await admin.GetStringAsync("/authz/history?kind=policies"));

        await page.FillAsync("#policy-text", activeBefore + "\n@id(\"console-added\")\nforbid(principal == User::\"nobody\", action, resource);");
        await page.ClickAsync("#policy-save");
        var saved = await AdminBrowser.TextAsync(page, "#policy-result", "Saved as version");
        using var history = JsonDocument.Parse(await admin.GetStringAsync("/authz/history?kind=policies&limit=1"));
        var version = history.RootElement.GetProperty("items")[0].GetProperty("version").GetInt64();
        await page.ClickAsync($"#diff-button-{version}");
        await page.Locator($"#diff-{version}").WaitForAsync();
        var added = await page.Locator($"#diff-{version} tr.added").AllTextContentsAsync();
        var removed = await page.Locator($"#diff-{version} tr.removed").CountAsync();
        await ConsoleScreenshots.TakeAsync(page, "policy-saved-diff");

        Assert.Contains($"Saved as version {version}", saved, StringComparison.Ordinal);
        Assert.Contains(added, line => line.Contains("@id(\"console-added\")", StringComparison.Ordinal));
        Assert.Contains(added, line => line.Contains("forbid(principal == User::\"nobody\", action, resource);", StringComparison.Ordinal));
        Assert.Equal(0, removed);
        Assert.EndsWith("forbid(principal == User::\"nobody\", action, resource);", await admin.GetStringAsync("/authz/policies"), StringComparison.Ordinal);
        Assert.Empty(session.BrowserErrors);
    }

    [Fact]
    public async Task TryARequest_ShowsTheDecisionAndItsDeterminingPolicy()
    {
        await AdminBrowser.AddPolicyAsync(Server, "@id(\"console-try\")\npermit(principal == User::\"li.ming\", action == Action::\"approve\", resource is Document);");
        await using var session = await fixture.SignInAsync(["administrator"]);
        var page = session.Page;

        await session.OpenAsync("authorization");
        await page.FillAsync("#try-principal-id", "li.ming");
        await page.FillAsync("#try-action", "approve");
        await page.FillAsync("#try-resource-type", "Document");
        await page.FillAsync("#try-resource-id", "permit-2026-117");
        await page.ClickAsync("#try-submit");
        var allowed = await AdminBrowser.TextAsync(page, "#try-decision", "Allow");
        var reasons = await page.Locator("#try-reasons li").AllTextContentsAsync();
        await page.Locator("#try-form").ScrollIntoViewIfNeededAsync();
        await ConsoleScreenshots.TakeAsync(page, "try-a-request");
        await page.FillAsync("#try-principal-id", "someone.else");
        await page.ClickAsync("#try-submit");
        var denied = await AdminBrowser.TextAsync(page, "#try-decision", "Deny");

        Assert.Equal("Allow", allowed);
        Assert.Equal(["console-try"], reasons);
        Assert.Equal("Deny", denied);
        Assert.Empty(session.BrowserErrors);
    }
}
