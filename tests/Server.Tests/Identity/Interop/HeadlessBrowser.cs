using Microsoft.Playwright;
using TestSupport;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// Debian's Chromium, headless, driven by Microsoft.Playwright (which cannot download its own
/// browser here): a real browser on the provider's real pages, with cookies, redirects, forms and
/// anti-forgery tokens. Each context is a fresh profile. Skips when chromium is not installed.
/// </summary>
public sealed class HeadlessBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private HeadlessBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static async Task<HeadlessBrowser> LaunchAsync()
    {
        var chromium = ExternalTool.Require("chromium");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                // Root in CI, no GPU, no network beyond the provider: Chromium's own services stay off.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    // No name resolves (the providers listen on 127.0.0.1): a request for the relying party's host
                    // that Playwright does not intercept, or for a page's web font, fails at once instead of waiting.
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
            });
            return new HeadlessBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A fresh profile. The provider's certificate comes from the platform's own CA, which Chromium
    /// does not know, so certificate errors are ignored here; the relying party checks the chain.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync() =>
        NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });

    /// <summary>A fresh profile with <paramref name="options"/> (locale, client certificates, …).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        // Several browsers and platforms share two cores while the suite runs in parallel: a page
        // that loads in a second alone can take longer than Playwright's default 30 s there.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>As <see cref="NewContextAsync()"/>, presenting the client certificate in the PEM files to <paramref name="origin"/>, as a staff member's browser does.</summary>
    public Task<IBrowserContext> NewContextAsync(string origin, string certificateFile, string keyFile) =>
        NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            ClientCertificates = [new ClientCertificate { Origin = origin, CertPath = certificateFile, KeyPath = keyFile }],
        });

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
