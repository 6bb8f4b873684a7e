using System.Net.Http.Headers;
using Microsoft.Playwright;
using Server.Tests.Hosting;

namespace Server.Tests.Console.Admin;

/// <summary>What the administration pages' browser tests share beyond the shell's session.</summary>
internal static class AdminBrowser
{
    /// <summary>
    /// An HTTP client calling the platform as the signed-in person: the access token the console
    /// holds (in the tab's sessionStorage), so that the person's own API calls are theirs.
    /// </summary>
    public static async Task<HttpClient> AsPersonAsync(ConsoleSession session)
    {
        var token = await session.Page.EvaluateAsync<string>(
            "() => Object.keys(sessionStorage).map(k => { try { return JSON.parse(sessionStorage.getItem(k)); } catch { return null; } })"
            + ".find(v => v && v.accessToken).accessToken");
        var client = session.Server.HttpsClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until <paramref name="selector"/>'s text contains <paramref name="text"/>, and returns that text.</summary>
    public static async Task<string> TextAsync(IPage page, string selector, string text)
    {
        var locator = page.Locator(selector);
        await Assertions.Expect(locator).ToContainTextAsync(text, new() { Timeout = 15_000 });
        return (await locator.TextContentAsync())!;
    }

    /// <summary>Adds <paramref name="policy"/> to the active policy set through the administration API, keeping the rest.</summary>
    public static async Task AddPolicyAsync(PlatformServer server, string policy)
    {
        using var admin = server.AdminClient();
        var current = await admin.GetStringAsync("/authz/policies");
        using var put = await admin.PutAsync("/authz/policies", new StringContent(current + "\n" + policy + "\n", System.Text.Encoding.UTF8, "text/plain"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }
}
