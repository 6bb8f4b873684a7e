using System.Net;

namespace Server.Cli;

/// <summary>
/// The officer's HTTPS client of <c>audit verify --url</c> and <c>audit prove --url</c>, and the
/// advice given when the URL or the certificate cannot work, so an operator learns what to use
/// instead of reading a bare TLS or HTTP failure.
/// </summary>
internal static class AuditHttpClient
{
    /// <summary>What a caller needs to read entries: said whenever something is missing.</summary>
    public const string Requirement =
        "Reading audit entries needs the HTTPS listener (https://HOST:5001 by default) and a client certificate with the " +
        "auditor role (profile 'auditor') or the administrator role: pass it with --cert CERT.pem --key KEY.pem (the bootstrap " +
        "administrator's are data/admin.pem and data/admin.key), and the platform's root with --ca ROOT.pem (data/root-ca.pem).";

    /// <summary>The problem with the options, or null when the client can be built.</summary>
    public static string? Check(AuditCommandOptions options)
    {
        if (!Uri.TryCreate(options["--url"], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return $"--url '{options["--url"]}' is not an http(s) URL. " + Requirement;
        }

        if (url.Scheme == "http")
        {
            var https = new UriBuilder(url) { Scheme = "https", Port = url.IsDefaultPort || url.Port == 5000 ? 5001 : url.Port }.Uri;
            return $"--url {url} is plain HTTP, where the platform accepts no client certificate; use its HTTPS listener " +
                $"(for the default listeners: {https}). " + Requirement;
        }

        if (options["--cert"] is null || options["--key"] is null || options["--ca"] is null)
        {
            return "--url needs --cert, --key and --ca. " + Requirement;
        }

        return null;
    }

    /// <summary>A client for <c>--url</c> presenting <c>--cert</c>/<c>--key</c> and trusting exactly <c>--ca</c>.</summary>
    public static HttpClient Create(AuditCommandOptions options) =>
        PlatformHttpClient.Create(new Uri(options["--url"]!), options["--ca"]!, options["--cert"]!, options["--key"]!);

    /// <summary>Explains a refused request; null when the failure is not about the certificate.</summary>
    public static string? Explain(HttpRequestException failure) => failure.StatusCode switch
    {
        HttpStatusCode.Unauthorized =>
            "the server did not accept a client certificate (401). " + Requirement,
        HttpStatusCode.Forbidden =>
            "the server accepted the client certificate but it lacks the auditor or administrator role (403). " + Requirement,
        _ => null,
    };
}
