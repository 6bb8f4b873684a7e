using BenchmarkDotNet.Attributes;
using Platform.Storage;
using System.Data.Common;
using System.Security.Cryptography;

namespace Platform.Benchmarks;

/// <summary>
/// Durable inserts of certificate-sized rows into SQLite (WAL, synchronous=FULL), 64 per
/// operation: one transaction each, the group committer fed one at a time, and the group
/// committer fed concurrently as a busy server feeds it. Each fsync is paid once per commit.
/// </summary>
public class StorageBenchmarks
{
    private const int Inserts = 64;
    private static readonly Migration Schema = new(1, "benchmark rows",
        Sqlite: "CREATE TABLE rows (id TEXT PRIMARY KEY, subject TEXT NOT NULL, der BLOB NOT NULL, issued_at INTEGER NOT NULL);",
        PostgreSql: "CREATE TABLE rows (id TEXT PRIMARY KEY, subject TEXT NOT NULL, der BLOB NOT NULL, issued_at BIGINT NOT NULL);");

    private readonly byte[] der = RandomNumberGenerator.GetBytes(600);
    private CaFixture fixture = null!;
    private IModuleDatabase database = null!;
    private DbConnection connection = null!;

    [GlobalSetup]
    public void Setup()
    {
        fixture = CaFixture.Start();
        database = fixture.Databases.Open("bench", [Schema]);
        connection = database.OpenAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        connection.Dispose();
        fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Inserts, Description = "transaction per insert")]
    public async Task TransactionPerInsert()
    {
        for (var i = 0; i < Inserts; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await InsertAsync(connection, transaction, CancellationToken.None);
            await transaction.CommitAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Inserts, Description = "group committer, one writer")]
    public async Task GroupCommitterOneWriter()
    {
        for (var i = 0; i < Inserts; i++)
        {
            await database.WriteAsync(InsertAsync);
        }
    }

    [Benchmark(OperationsPerInvoke = Inserts, Description = "group committer, 64 concurrent writers")]
    public Task GroupCommitterConcurrent() =>
        Task.WhenAll(Enumerable.Range(0, Inserts).Select(_ => database.WriteAsync(InsertAsync)));

    private async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO rows (id, subject, der, issued_at) VALUES (@id, @subject, @der, @at)";
        AddParameter(command, "id", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        AddParameter(command, "subject", "CN=host.bench.example");
        AddParameter(command, "der", der);
        AddParameter(command, "at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
