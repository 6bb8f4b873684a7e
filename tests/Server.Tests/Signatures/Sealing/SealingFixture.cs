using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Signatures.Sealing;

/// <summary>A platform under the seal policy it ships; each test makes its own departments and seals.</summary>
public sealed class SealingFixture : IAsyncLifetime
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
