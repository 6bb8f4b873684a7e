using Identity.Storage;
using Identity.Storage.OpenIddict;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Auditing;
using Platform.Storage;
using Platform.Tests.Storage.Harness;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Tests.Clients;

/// <summary>The application store stages an ambient audit event in the write's own transaction, and refuses an audited write it cannot record.</summary>
public sealed class AmbientAuditTests
{
    [Fact]
    public async Task AuditedWrite_WithoutTheOutbox_IsRefused_AndNothingIsStored()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKeyedSingleton(IdentityServiceCollectionExtensions.DatabaseName,
            new SqliteStorageTarget().CreateFactory().Open(IdentityServiceCollectionExtensions.DatabaseName, IdentityMigrations.All));
        services.AddIdentityStores();
        await using var node = services.BuildServiceProvider();
        var manager = node.GetRequiredService<IOpenIddictApplicationManager>();

        using (AmbientAudit.Begin(ClientHarness.Template()))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => manager.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = "unrecorded", ClientType = ClientTypes.Public, DisplayName = "Unrecorded",
            }).AsTask());
        }

        Assert.Null(await manager.FindByClientIdAsync("unrecorded"));
    }

    [Fact]
    public async Task AuditedWrite_StagesItsEventOnce_AnUnauditedWriteStagesNone()
    {
        await using var harness = new ClientHarness(new SqliteStorageTarget());

        using (AmbientAudit.Begin(ClientHarness.Template() with { Action = "audited", Target = "one" }))
        {
            await harness.Manager.CreateAsync(new OpenIddictApplicationDescriptor { ClientId = "one", ClientType = ClientTypes.Public, DisplayName = "One" });
            // A second write on the same scope is not the audited action: it records nothing more.
            await harness.Manager.CreateAsync(new OpenIddictApplicationDescriptor { ClientId = "two", ClientType = ClientTypes.Public, DisplayName = "Two" });
        }

        await harness.Manager.CreateAsync(new OpenIddictApplicationDescriptor { ClientId = "three", ClientType = ClientTypes.Public, DisplayName = "Three" });

        var recorded = Assert.Single(harness.Trail.Events);
        Assert.Equal(("audited", "one"), (recorded.Action, recorded.Target));
        Assert.Equal(3, await harness.Manager.CountAsync());
    }
}
