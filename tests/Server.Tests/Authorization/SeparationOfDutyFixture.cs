using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Authorization;

/// <summary>A platform configured with the separation-of-duty constraint {approver, payer, auditor-role}.</summary>
public sealed class SeparationOfDutyFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PlatformServer.StartAsync(data.Path,
        "--Authorization:SeparationOfDuty:0:0", "approver",
        "--Authorization:SeparationOfDuty:0:1", "payer",
        "--Authorization:SeparationOfDuty:0:2", "auditor-role");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
    }
}
