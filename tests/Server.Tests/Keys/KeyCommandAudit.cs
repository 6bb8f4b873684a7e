using Microsoft.Data.Sqlite;
using System.Text;
using System.Text.Json;

namespace Server.Tests.Keys;

/// <summary>Reads the <c>keys</c> commands' events back from a data directory's audit log, as recorded (canonical JSON entries).</summary>
internal static class KeyCommandAudit
{
    public static async Task<List<JsonElement>> EventsAsync(string dataDirectory, string action)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "audit.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT entry FROM entries WHERE action = $action ORDER BY idx";
        command.Parameters.AddWithValue("$action", action);
        var events = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var entry = reader.GetValue(0) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : reader.GetString(0);
            using var document = JsonDocument.Parse(entry);
            events.Add(document.RootElement.Clone());
        }

        return events;
    }
}
