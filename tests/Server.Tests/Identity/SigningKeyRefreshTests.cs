using System.Text.Json;
using Identity.Signing;
using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Identity;

/// <summary>A key ring written while the server runs (by another node, or the command on a node that was stopped) is published without a restart.</summary>
public sealed class SigningKeyRefreshTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task RingWrittenWhileRunning_TheNextKeyAppearsInJwks_WithoutARestart()
    {
        await using var server = await PlatformServer.StartAsync(data.Path, "--Identity:SigningKeyRefreshSeconds", "1");
        using var client = server.HttpsClient();
        var before = await KeyIdsAsync(client);

        // Written straight to the identity database, as another process would: this process's ring is not told.
        var rotated = await server.Services.GetRequiredService<SigningKeyRotation>().RotateAsync();

        var after = await Eventually.FoundAsync(async () => await KeyIdsAsync(client) is { Count: 2 } ids ? ids : null);
        Assert.Equal(before, after.Take(1));
        Assert.Contains(rotated.Key.KeyId, after);
    }

    [Fact]
    public async Task RefreshOutOfRange_TheServerRefusesToStart_NamingTheSetting()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => PlatformServer.StartAsync(data.Path, "--Identity:SigningKeyRefreshSeconds", "-1"));

        Assert.Contains("Identity:SigningKeyRefreshSeconds", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeyIdsAsync(HttpClient client)
    {
        using var jwks = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks"));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
