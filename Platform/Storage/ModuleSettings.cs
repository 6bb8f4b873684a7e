namespace Platform.Storage;

/// <summary>
/// A module's small named values (which key signs, which certificate is current) in its
/// <c>settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)</c> table, which the module's
/// migrations create.
/// </summary>
public sealed class ModuleSettings(IModuleDatabase database)
{
    /// <summary>The value, or null when unset.</summary>
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM settings WHERE name = @name");
        command.AddParameter("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Sets the value, durably.</summary>
    public Task SetAsync(string name, string value, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", transaction);
            command.AddParameter("name", name).AddParameter("value", value);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    /// <summary>
    /// Sets the value only when it is still <paramref name="expected"/> (null: only when unset), and
    /// signals the change to the other nodes; false when another writer got there first, so the
    /// caller reads again and decides anew instead of overwriting what it never saw.
    /// </summary>
    public Task<bool> TryReplaceAsync(string name, string? expected, string value, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(expected is null
                ? "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING"
                : "UPDATE settings SET value = @value WHERE name = @name AND value = @expected", transaction);
            command.AddParameter("name", name).AddParameter("value", value);
            if (expected is not null)
            {
                command.AddParameter("expected", expected);
            }

            var replaced = await command.ExecuteNonQueryAsync(ct) == 1;
            if (replaced)
            {
                await database.SignalChangeAsync(connection, transaction, ct);
            }

            return replaced;
        }, cancellationToken);
}
