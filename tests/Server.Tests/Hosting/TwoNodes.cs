using Microsoft.AspNetCore.Builder;
using TestSupport;

namespace Server.Tests.Hosting;

/// <summary>
/// Two platform nodes over one fresh PostgreSQL database and one key folder, as a scale-out
/// deployment runs them. Extra arguments go to both; `Pki:Revocation:SyncIntervalSeconds` and
/// `Authorization:RefreshSeconds` are set far beyond any test's patience, so a change can only
/// reach the other node in time through the database's signal.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private readonly PostgresDatabase database;
    private readonly TemporaryDirectory data;

    private TwoNodes(PostgresDatabase database, TemporaryDirectory data, PlatformServer first, PlatformServer second)
    {
        this.database = database;
        this.data = data;
        First = first;
        Second = second;
    }

    public PlatformServer First { get; }

    public PlatformServer Second { get; }

    public static Task<TwoNodes> StartAsync(params string[] arguments) => StartAsync(null, arguments);

    /// <summary>Starts the pair; <paramref name="configureFirst"/> sees the first node's builder (see <see cref="PlatformServer.StartAsync(string, Action{WebApplicationBuilder}?, string[])"/>).</summary>
    public static async Task<TwoNodes> StartAsync(Action<WebApplicationBuilder>? configureFirst, params string[] arguments)
    {
        var database = await PostgresDatabase.CreateAsync();
        var data = new TemporaryDirectory();
        string[] shared =
        [
            "--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString,
            "--Pki:Revocation:SyncIntervalSeconds", "600", "--Authorization:RefreshSeconds", "600", .. arguments,
        ];
        var first = await PlatformServer.StartAsync(data.Path, configureFirst, shared);
        return new TwoNodes(database, data, first, await PlatformServer.StartAsync(data.Path, shared));
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await database.DisposeAsync();
        data.Dispose();
    }
}
