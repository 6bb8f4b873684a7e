using Microsoft.Playwright;
using Server.Tests.Hosting;
using Server.Tests.Identity.Interop;

namespace Server.Tests.Console;

/// <summary>
/// A person signed in to the console in a real headless Chromium: a new browser profile opens
/// <c>/console</c> on the platform's HTTPS listener, follows the console's sign-in to the identity
/// provider's own login page, signs in there with password and one-time code, and is back on the
/// console. Every console error and uncaught page error (a Content-Security-Policy violation is
/// one) is collected in <see cref="BrowserErrors"/>.
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private readonly IBrowserContext context;

    private ConsoleSession(PlatformServer server, IBrowserContext context, IPage page, ConsolePerson person, List<string> errors)
    {
        Server = server;
        this.context = context;
        Page = page;
        Person = person;
        BrowserErrors = errors;
    }

    public PlatformServer Server { get; }

    public IPage Page { get; }

    public ConsolePerson Person { get; }

    /// <summary>What the browser reported as errors: console errors (CSP violations among them) and uncaught exceptions.</summary>
    public List<string> BrowserErrors { get; }

    /// <summary>The console's address on the HTTPS listener.</summary>
    public string ConsoleUrl => Server.Https.GetLeftPart(UriPartial.Authority) + "/console";

    /// <summary>Creates a person with <paramref name="roles"/> and signs them in; <paramref name="locale"/> sets the browser's language (Accept-Language).</summary>
    public static async Task<ConsoleSession> SignInAsync(PlatformServer server, HeadlessBrowser browser, string[] roles, string locale = "en-US") =>
        await SignInAsync(server, await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, Locale = locale }), roles);

    /// <summary>As above, in a browser profile the caller made (a client certificate, say); disposing the session closes it.</summary>
    public static async Task<ConsoleSession> SignInAsync(PlatformServer server, IBrowserContext context, string[] roles)
    {
        var person = await ConsolePerson.CreateAsync(server, roles);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        // The console's own pages only: the provider's login page is not the console's to answer for.
        bool OnConsole() => new Uri(page.Url).AbsolutePath.StartsWith("/console", StringComparison.Ordinal);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && OnConsole())
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) =>
        {
            if (OnConsole())
            {
                errors.Add(error);
            }
        };
        var session = new ConsoleSession(server, context, page, person, errors);
        await session.SignInAgainAsync();
        return session;
    }

    /// <summary>From the console's signed-out page through the provider's login page and back.</summary>
    public async Task SignInAgainAsync()
    {
        await Page.GotoAsync(ConsoleUrl);
        await Page.ClickAsync("#sign-in");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/identity/login");
        await Page.FillAsync("#login", Person.Login);
        await Page.FillAsync("#password", ConsolePerson.Password);
        await Page.FillAsync("#code", await Person.NextCodeAsync());
        await Page.ClickAsync("#sign-in");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/console");
        try
        {
            await Page.Locator("#signed-in-as").WaitForAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Not signed in: {await Page.Locator("main").TextContentAsync()} Browser errors: {string.Join(" | ", BrowserErrors)}", e);
        }
    }

    /// <summary>Opens a console route (<c>#/audit</c>) and waits for its page element.</summary>
    public async Task OpenAsync(string pageId, string? rest = null)
    {
        await Page.EvaluateAsync("hash => { location.hash = hash; }", "#/" + pageId + (rest ?? ""));
        await Page.Locator($"#page-{pageId}").WaitForAsync();
    }

    /// <summary>Waits for <paramref name="selector"/>; on a timeout the error says what the page shows and what the browser reported.</summary>
    public async Task<ILocator> WaitAsync(string selector)
    {
        var locator = Page.Locator(selector);
        try
        {
            await locator.WaitForAsync(new() { Timeout = 15_000 });
            return locator;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{selector} did not appear. The page shows: {await Page.Locator("main").TextContentAsync()} Browser errors: {string.Join(" | ", BrowserErrors)}", e);
        }
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
