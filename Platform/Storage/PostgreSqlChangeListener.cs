using Npgsql;

namespace Platform.Storage;

/// <summary>
/// LISTENs on a module's change channel over a connection of its own, which it reopens after a
/// failure. PostgreSQL delivers a NOTIFY only when the notifying transaction commits.
/// </summary>
internal sealed class PostgreSqlChangeListener(NpgsqlDataSource dataSource, string channel) : IChangeListener
{
    private const int PingTimeoutSeconds = 10;
    private NpgsqlConnection? connection;

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            if (connection is null)
            {
                // Anything committed before LISTEN took effect was not signalled: say so at once.
                connection = await ListenAsync(cancellationToken);
                return true;
            }

            if (await connection.WaitAsync(timeout, cancellationToken))
            {
                return true;
            }

            // Quiet: make sure the connection still stands. One that died without a word (a
            // failover, a dropped NAT entry) would otherwise leave this node polling for good.
            await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = PingTimeoutSeconds };
            await ping.ExecuteNonQueryAsync(cancellationToken);
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // Whatever was signalled meanwhile is found by the caller's next read.
            await CloseAsync();
            await Task.Delay(timeout, cancellationToken);
            return false;
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var opened = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"LISTEN \"{channel}\"", opened);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return opened;
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }

    private async Task CloseAsync()
    {
        if (connection is not null)
        {
            var closing = connection;
            connection = null;
            await closing.DisposeAsync();
        }
    }
}
