using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Gateway.Verification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Server.Tests.Gateway;

/// <summary>
/// An application behind the gateway: a real Kestrel server on loopback that answers every request
/// with 200 (those under <c>/slow</c> after 5 s) and remembers what it received (method, path, headers) and, once it has a
/// <see cref="Verifier"/>, what verifying the gateway's signature on it found.
/// </summary>
internal sealed class Upstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private Upstream(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public GatewayIdentityVerifier? Verifier { get; set; }

    /// <summary>Starts it on <paramref name="port"/> (any free one by default), on HTTPS with <paramref name="certificate"/> when given.</summary>
    public static async Task<Upstream> StartAsync(int port = 0, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        Upstream? upstream = null;
        app.Run(async context =>
        {
            if (context.Request.Path.StartsWithSegments("/slow"))
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }

            var verification = upstream!.Verifier is { } verifier ? await verifier.VerifyAsync(context.Request, context.RequestAborted) : null;
            upstream.Received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), verification));
            await context.Response.WriteAsync("upstream answered");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        upstream = new Upstream(app, new Uri(address));
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, string RawTarget, IReadOnlyDictionary<string, string> Headers, GatewayVerification? Verification);
