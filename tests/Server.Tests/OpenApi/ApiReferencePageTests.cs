using Microsoft.Playwright;
using Server.Tests.Hosting;
using Server.Tests.Identity.Interop;
using System.Net;
using System.Text.RegularExpressions;

namespace Server.Tests.OpenApi;

/// <summary>The interactive API page: served by this host with its scripts, under a policy that lets nothing else in.</summary>
public sealed partial class ApiReferencePageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Page_ItsScriptsComeFromThisHost_UnderANoncedPolicy()
    {
        using var client = Server.HttpClient();
        using var page = await client.GetAsync("/api-docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        var nonce = Nonce().Match(policy).Groups["nonce"].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);

        var scripts = ScriptTag().Matches(html).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s.Value, StringComparison.Ordinal));
        var sources = scripts.Select(s => s.Groups["src"].Value).Where(s => s.Length > 0).ToList();
        Assert.Contains("scalar.js", sources);
        // Nothing from another host: no CDN, no web fonts.
        Assert.DoesNotContain("//", string.Join(' ', sources), StringComparison.Ordinal);
        Assert.DoesNotContain("\"withDefaultFonts\":true", html, StringComparison.Ordinal);
        foreach (var source in sources)
        {
            using var script = await client.GetAsync(new Uri(new Uri(Server.Http, "/api-docs/"), source));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 1000, $"{source} is empty");
        }
    }

    [Fact]
    public async Task Page_InChromium_RendersTheOperations_WithoutAViolationOrAForeignRequest()
    {
        await using var browser = await HeadlessBrowser.LaunchAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync(new Uri(Server.Http, "/api-docs/").ToString());
        Assert.Equal(200, response!.Status);
        // An operation's summary, rendered from the document the page fetched.
        await page.GetByText("Issue a certificate from a CSR").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        var host = Server.Http.Host;
        Assert.All(requests.Where(r => r.StartsWith("http", StringComparison.Ordinal)), r => Assert.Equal(host, new Uri(r).Host));
        Assert.Contains(requests, r => r.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
    }

    [GeneratedRegex("'nonce-(?<nonce>[^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script(?:[^>]*?\\ssrc=\"(?<src>[^\"]*)\")?[^>]*>")]
    private static partial Regex ScriptTag();
}
