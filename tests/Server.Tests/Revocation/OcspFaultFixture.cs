using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Revocation;

/// <summary>A running platform whose clock a test can make fail, to reach the responder's fault path.</summary>
public sealed class OcspFaultFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public FailingClock Clock { get; } = new();

    public PlatformServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await PlatformServer.StartAsync(data.Path, builder => builder.Services.AddSingleton<TimeProvider>(Clock));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
    }
}
