using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace Audit.Benchmarks;

/// <summary>
/// Durable appends per second from 64 concurrent writers: the audit log (sequenced in memory,
/// group-committed) against the reference of plain SQLite inserts with the same durability
/// (WAL, synchronous=FULL), each writer committing its own row as an unbatched log would.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class DurableAppendBenchmarks
{
    private const int Writers = 64;
    private const int PerWriter = 16;
    private const int Appends = Writers * PerWriter;

    private AuditLogHost host = null!;
    private string rawDirectory = null!;
    private string rawConnection = null!;
    private long rawNext;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await AuditLogHost.OpenAsync();
        rawDirectory = Path.Combine(Path.GetTempPath(), "audit-bench-raw-" + Guid.NewGuid().ToString("n"));
        System.IO.Directory.CreateDirectory(rawDirectory);
        rawConnection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(rawDirectory, "raw.db"), Pooling = true, DefaultTimeout = 60 }.ToString();
        await using var connection = await OpenRawAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE entries (idx INTEGER PRIMARY KEY, entry BLOB NOT NULL, leaf_hash BLOB NOT NULL)";
        await create.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(host.Directory, recursive: true);
        System.IO.Directory.Delete(rawDirectory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Appends, Description = "audit log: durable append, 64 writers")]
    public Task AuditLogAppend() => Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
    {
        for (var i = 0; i < PerWriter; i++)
        {
            await host.Trail.RecordAsync(AuditLogHost.Event(writer, i));
        }
    })));

    [Benchmark(Baseline = true, OperationsPerInvoke = Appends, Description = "raw SQLite: insert + commit per row, 64 writers")]
    public Task RawSqliteInsert() => Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
    {
        await using var connection = await OpenRawAsync();
        var entry = new byte[300];
        var hash = new byte[32];
        for (var i = 0; i < PerWriter; i++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO entries (idx, entry, leaf_hash) VALUES (@idx, @entry, @hash)";
            insert.Parameters.AddWithValue("idx", Interlocked.Increment(ref rawNext));
            insert.Parameters.AddWithValue("entry", entry);
            insert.Parameters.AddWithValue("hash", hash);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    })));

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(rawConnection);
        await connection.OpenAsync();
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;";
        await pragmas.ExecuteNonQueryAsync();
        return connection;
    }
}
