using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Net;

namespace Acme.Load;

/// <summary>
/// The one http-01 responder of the whole run (§8.3): Kestrel on the port the server's validator
/// connects to, answering <c>/.well-known/acme-challenge/{token}</c> with the key authorization a
/// worker put there before triggering the challenge. Whatever Host the validator sends.
/// </summary>
internal sealed class ChallengeResponder : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> keyAuthorizations = new(StringComparer.Ordinal);
    private readonly WebApplication app;
    private long served;

    private ChallengeResponder(WebApplication app) => this.app = app;

    /// <summary>Requests answered with a key authorization.</summary>
    public long Served => Interlocked.Read(ref served);

    public static async Task<ChallengeResponder> StartAsync(IPAddress address, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        var app = builder.Build();
        var responder = new ChallengeResponder(app);
        app.MapGet("/.well-known/acme-challenge/{token}", (string token) =>
        {
            if (!responder.keyAuthorizations.TryGetValue(token, out var keyAuthorization))
            {
                return Results.NotFound();
            }

            Interlocked.Increment(ref responder.served);
            return Results.Text(keyAuthorization, "application/octet-stream");
        });
        await app.StartAsync();
        return responder;
    }

    public void Add(string token, string keyAuthorization) => keyAuthorizations[token] = keyAuthorization;

    public void Remove(string token) => keyAuthorizations.TryRemove(token, out _);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
