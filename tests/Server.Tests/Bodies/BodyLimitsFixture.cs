using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Bodies;

/// <summary>
/// A platform whose bodies are cut quickly, so tests need not wait for the defaults: the server
/// cuts a stalled body after a 2 s grace period, and a whole body must arrive within 3 s.
/// </summary>
public sealed class BodyLimitsFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    /// <summary>What the server logs, to see that no request failed inside it.</summary>
    public LogCapture Logs { get; } = new();

    public async ValueTask InitializeAsync() => Server = await PlatformServer.StartAsync(data.Path, Logs.Register,
        "--Platform:RequestBody:TimeoutSeconds", "3", "--Platform:RequestBody:GracePeriodSeconds", "2");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
    }
}
