using Platform.Storage;

namespace Pki.Tsa.Storage;

/// <summary>The TSA's small durable state: which key and certificate it signs with.</summary>
internal sealed class TsaSettings(IModuleDatabase database)
{
    public async Task<string?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM settings WHERE name = @name");
        command.AddParameter("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public Task SetAsync(string name, string value, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", transaction);
            command.AddParameter("name", name).AddParameter("value", value);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
}
