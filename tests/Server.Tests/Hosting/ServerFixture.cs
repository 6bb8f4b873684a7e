using TestSupport;

namespace Server.Tests.Hosting;

/// <summary>One running platform (default hierarchy) shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PlatformServer.StartAsync(data.Path);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
    }
}
