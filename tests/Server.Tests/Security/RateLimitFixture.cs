using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Security;

/// <summary>
/// A platform whose per-address limits bite on loopback: three requests per address, given back one an
/// hour, so that no test depends on how fast it runs.
/// </summary>
public sealed class RateLimitFixture : IAsyncLifetime
{
    public const int Limit = 3;

    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PlatformServer.StartAsync(data.Path,
        "--Platform:RateLimits:ExemptLoopback", "false",
        "--Platform:RateLimits:TokenLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Platform:RateLimits:TokensPerPeriod", "1",
        "--Platform:RateLimits:ReplenishmentPeriod", "01:00:00");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
    }
}
