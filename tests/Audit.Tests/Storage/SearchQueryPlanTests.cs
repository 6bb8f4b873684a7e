using Audit.Storage;
using Microsoft.Data.Sqlite;
using TestSupport;

namespace Audit.Tests.Storage;

/// <summary>Every search filter is answered through an index, never a scan of the whole log.</summary>
public sealed class SearchQueryPlanTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    public static TheoryData<string> Filters() => ["from", "to", "actor", "action", "target", "outcome", "module", "cursor"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SearchAsync_Filter_UsesAnIndex(string filter)
    {
        await using (await AuditTestLog.OpenAsync(data.Path))
        {
        }

        var now = DateTimeOffset.UtcNow;
        var query = filter switch
        {
            "from" => new EventQuery { From = now },
            "to" => new EventQuery { To = now },
            "actor" => new EventQuery { Actor = "CN=a" },
            "action" => new EventQuery { Action = "x" },
            "target" => new EventQuery { Target = "t" },
            "outcome" => new EventQuery { Outcome = "denied" },
            "module" => new EventQuery { Module = "m" },
            "cursor" => new EventQuery { Before = 10 },
            _ => new EventQuery(),
        };
        await using var connection = new SqliteConnection($"Data Source={data.File("audit.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        SqlAuditStore.PrepareSearch(command, query);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        var detail = string.Join(" | ", plan);
        TestContext.Current.SendDiagnosticMessage($"{filter}: {detail}");
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN entries", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal)
            && !step.Contains("PRIMARY KEY", StringComparison.Ordinal));
        Assert.True(detail.Contains("INDEX", StringComparison.Ordinal) || detail.Contains("PRIMARY KEY", StringComparison.Ordinal), detail);
    }
}
