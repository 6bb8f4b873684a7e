using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Platform.Hosting;
using Platform.Security;

namespace Server.Hosting.OpenApi;

/// <summary>
/// The document's title and servers: the HTTPS listeners (administration, with a client
/// certificate or a bearer token) and the HTTP address of <c>Platform:PublicBaseUrl</c> (the public
/// protocol endpoints), from the addresses the server really listens on rather than the request.
/// </summary>
internal sealed class DocumentServers(IServer server, IOptions<PlatformOptions> platform, IOptions<PlatformAuthenticationOptions> authentication)
    : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "SecurityPlatform",
            Version = "v1",
            Description = "Certificate authority, time-stamping, authorization, identity, signatures, gateway and audit trail of one platform. "
                + "Administration answers on HTTPS with a client certificate or a bearer token; the public protocol endpoints "
                + "(CRL, OCSP, CA certificates, time-stamps) on plain HTTP too. Errors are RFC 7807 problem details with a stable code.",
        };
        SecuritySchemes.Ensure(document, authentication.Value.BearerTokens);

        var publicUrl = Uri.TryCreate(platform.Value.PublicBaseUrl, UriKind.Absolute, out var url) ? url : null;
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        List<OpenApiServer> servers = [];
        foreach (var address in listening.Where(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            servers.Add(new OpenApiServer { Url = Reachable(address, publicUrl), Description = "HTTPS: administration and every API" });
        }

        var http = publicUrl?.GetLeftPart(UriPartial.Authority)
            ?? listening.Where(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).Select(a => Reachable(a, null)).FirstOrDefault();
        if (http is not null)
        {
            servers.Add(new OpenApiServer { Url = http, Description = "HTTP (Platform:PublicBaseUrl): the public protocol endpoints" });
        }

        if (servers.Count > 0)
        {
            document.Servers = servers;
        }

        return Task.CompletedTask;
    }

    /// <summary>A listener bound to every interface (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) is named by the public host.</summary>
    private static string Reachable(string address, Uri? publicUrl)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var listener))
        {
            return address.TrimEnd('/');
        }

        var wildcard = listener.Host is "0.0.0.0" or "[::]" or "::";
        var builder = new UriBuilder(listener.Scheme, wildcard ? publicUrl?.Host ?? "localhost" : listener.Host, listener.Port);
        return builder.Uri.GetLeftPart(UriPartial.Authority);
    }
}
