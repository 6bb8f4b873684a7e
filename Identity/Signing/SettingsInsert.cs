using Platform.Storage;

namespace Identity.Signing;

/// <summary>
/// Writes a setting only when it is absent and returns whichever value is stored afterwards:
/// two nodes starting at once on one database both end up with the first one's value, so a key
/// made on one is never silently replaced by another node's.
/// </summary>
internal static class SettingsInsert
{
    public static async Task<string> InsertOrGetAsync(IModuleDatabase database, ModuleSettings settings, string name, string value, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING", transaction);
            command.AddParameter("name", name).AddParameter("value", value);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
        return await settings.GetAsync(name, cancellationToken)
            ?? throw new InvalidOperationException($"The identity setting {name} vanished right after it was written.");
    }
}
