namespace Server.WebConsole;

/// <summary>
/// The addresses the console is reached at, from the configured listeners (<c>urls</c>) and
/// <c>Platform:PublicBaseUrl</c>: the console runs only on HTTPS, so these are the origins its
/// sign-in may return to and the port plain-HTTP visitors are sent to.
/// </summary>
internal sealed class ConsoleListeners
{
    private ConsoleListeners(IReadOnlyList<Uri> httpsListeners, IReadOnlyList<string> origins)
    {
        HttpsListeners = httpsListeners;
        Origins = origins;
    }

    /// <summary>The HTTPS listeners, as configured.</summary>
    public IReadOnlyList<Uri> HttpsListeners { get; }

    /// <summary>Every HTTPS origin (<c>https://host:port</c>) a browser may load the console from.</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>The port of the first HTTPS listener, or null when the platform has none.</summary>
    public int? HttpsPort => HttpsListeners.Count > 0 ? HttpsListeners[0].Port : null;

    public static ConsoleListeners From(string? urls, string? publicBaseUrl, string? issuer)
    {
        var https = Split(urls ?? string.Join(';', Hosting.PlatformHost.DefaultUrls))
            .Where(u => u.Scheme == Uri.UriSchemeHttps).ToList();
        var origins = new List<string>();
        void Add(string host, int port)
        {
            var origin = new UriBuilder(Uri.UriSchemeHttps, host, port).Uri.GetLeftPart(UriPartial.Authority);
            if (!origins.Contains(origin, StringComparer.Ordinal))
            {
                origins.Add(origin);
            }
        }

        foreach (var listener in https)
        {
            // A listener on every address is reached by whatever name the machine has; the loopback names at least.
            if (IsWildcard(listener.Host))
            {
                Add("localhost", listener.Port);
                Add("127.0.0.1", listener.Port);
            }
            else
            {
                Add(listener.Host, listener.Port);
            }
        }

        foreach (var configured in new[] { publicBaseUrl, issuer })
        {
            if (!Uri.TryCreate(configured, UriKind.Absolute, out var url))
            {
                continue;
            }

            if (url.Scheme == Uri.UriSchemeHttps)
            {
                Add(url.Host, url.Port);
            }
            else if (https.Count > 0)
            {
                // A plain-http public address: its visitors are redirected to the same host on the HTTPS port.
                Add(url.Host, https[0].Port);
            }
        }

        return new ConsoleListeners(https, origins);
    }

    private static bool IsWildcard(string host) => host is "*" or "+" or "0.0.0.0" or "[::]" or "::";

    private static IEnumerable<Uri> Split(string urls)
    {
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts "*" and "+" as hosts, which Uri does not.
            var parsable = text.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (Uri.TryCreate(parsable, UriKind.Absolute, out var url))
            {
                yield return url;
            }
        }
    }
}
