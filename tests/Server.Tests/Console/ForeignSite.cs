using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Server.Tests.Console;

/// <summary>
/// Another origin on this machine (loopback, its own port) serving one page, as an attacker's
/// site would. A real server rather than Playwright's request interception: interception answers
/// CORS preflights itself and so would hide what the browser does to a cross-origin request.
/// </summary>
internal sealed class ForeignSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private ForeignSite(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ForeignSite> StartAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ForeignSite(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
