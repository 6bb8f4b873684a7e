using Server.Tests.Hosting;
using Server.Tests.Identity.Interop;
using TestSupport;

namespace Server.Tests.Console;

/// <summary>One running platform and one headless Chromium shared by the console tests of a class.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();
    private HeadlessBrowser? browser;

    public PlatformServer Server { get; private set; } = null!;

    /// <summary>The browser; launching it skips the test when chromium is not installed.</summary>
    public async Task<HeadlessBrowser> BrowserAsync() => browser ??= await HeadlessBrowser.LaunchAsync();

    /// <summary>A person with <paramref name="roles"/> signed in to the console in a new browser profile.</summary>
    public async Task<ConsoleSession> SignInAsync(string[] roles, string locale = "en-US") =>
        await ConsoleSession.SignInAsync(Server, await BrowserAsync(), roles, locale);

    public async ValueTask InitializeAsync() => Server = await PlatformServer.StartAsync(data.Path);

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        await Server.DisposeAsync();
        data.Dispose();
    }
}
