using Identity.Storage;
using Platform.Tests.Storage.Harness;

namespace Identity.Tests.Storage;

/// <summary>The identity schema's migrations run on both providers and leave a settings table the module's settings use.</summary>
public abstract class IdentityMigrationTests(StorageTarget target) : StorageConformanceTests(target)
{
    [Fact]
    public async Task Migrations_Run_SettingsRoundTrip()
    {
        var settings = new Platform.Storage.ModuleSettings(Target.CreateFactory().Open("identity", IdentityMigrations.All));

        await settings.SetAsync("probe", "value");

        Assert.Equal("value", await settings.GetAsync("probe"));
    }
}

public sealed class IdentityMigrationSqliteTests() : IdentityMigrationTests(new SqliteStorageTarget());

public sealed class IdentityMigrationPostgreSqlTests() : IdentityMigrationTests(new PostgreSqlStorageTarget());
