using Microsoft.Data.Sqlite;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Storage;

namespace Pmi.Authorization.Tests.Storage;

/// <summary>Delegations stored before they bounded departments and clearance keep their rows, with the narrowest bounds.</summary>
public sealed class DelegationBoundsMigrationTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"authz-migration-{Guid.NewGuid():n}.db");

    [Fact]
    public void Migration4_ExistingDelegation_KeepsItsRolesAndCoversNoDepartmentNorClearance()
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        foreach (var migration in AuthorizationMigrations.All.Where(m => m.Version <= 3))
        {
            Execute(connection, migration.Sqlite);
        }

        Execute(connection, """
            INSERT INTO delegations (id, delegate_serial, roles, max_depth, not_before, not_after, created_at)
            VALUES ('d1', 'abc', 'clerk,viewer', 1, '2026-01-01T00:00:00.0000000+00:00', '2027-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00');
            """);

        Execute(connection, AuthorizationMigrations.All.Single(m => m.Version == 4).Sqlite);

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DelegationRegistry.Columns} FROM delegations";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var delegation = DelegationRegistry.Read(reader);
        Assert.Equal(["clerk", "viewer"], delegation.Roles);
        Assert.Empty(delegation.Departments);
        Assert.Null(delegation.MaxClearance);
        Assert.Null(DelegationScope.Exceeded([delegation], ["clerk"], [], null));
        Assert.NotNull(DelegationScope.Exceeded([delegation], ["clerk"], ["tax"], null));
        Assert.NotNull(DelegationScope.Exceeded([delegation], ["clerk"], [], 0));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
