using Microsoft.Playwright;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// Stands in for the relying party's web server in the browser, whose host does not exist: every
/// request the browser makes to it (the provider's answers) is kept, and answered with a small page
/// where Playwright can intercept it. Playwright does not intercept every redirect, so the requests
/// are read from the browser's network events, which see them all.
/// </summary>
internal sealed class RelyingPartyPages
{
    public const string Host = "rp.city.example";
    public const string Origin = "https://" + Host;
    public const string Callback = Origin + "/callback";
    public const string SignedOut = Origin + "/signed-out";

    private readonly Queue<TaskCompletionSource<Uri>> waiting = new();
    private readonly Queue<Uri> arrived = new();
    private string? last;

    public static async Task<RelyingPartyPages> AttachAsync(IBrowserContext context)
    {
        var pages = new RelyingPartyPages();
        context.Request += (_, request) =>
        {
            if (request.Url.StartsWith(Origin + "/", StringComparison.Ordinal))
            {
                pages.Arrive(request.Url);
            }
        };
        await context.RouteAsync(Origin + "/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "text/html", Body = "<!doctype html><title>Relying party</title><p id=\"rp\">back at the relying party</p>",
        }));
        return pages;
    }

    /// <summary>The next address the browser was sent to at the relying party.</summary>
    public Task<Uri> NextAsync()
    {
        lock (waiting)
        {
            if (arrived.TryDequeue(out var uri))
            {
                return Task.FromResult(uri);
            }

            var next = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue(next);
            return next.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private void Arrive(string url)
    {
        lock (waiting)
        {
            // An intercepted request is reported once as sent and once as continued: one arrival.
            if (url == last)
            {
                return;
            }

            last = url;
            if (waiting.TryDequeue(out var next))
            {
                next.SetResult(new Uri(url));
            }
            else
            {
                arrived.Enqueue(new Uri(url));
            }
        }
    }
}
