using Platform.Keys.Inventory;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Server.Cli;

/// <summary>
/// <c>keys list --json</c>: one array, one object per key:
/// <c>{"keyId", "store", "location", "algorithm", "claimed", "purposes": [], "certificates": [{"serialNumber", "subject", "notAfter"}]}</c>;
/// <c>location</c>, <c>algorithm</c>, <c>subject</c> and <c>notAfter</c> are null when unknown.
/// </summary>
internal static class KeyInventoryJson
{
    public static string Write(IReadOnlyList<KeyInventoryEntry> entries)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("keyId", entry.KeyId);
                writer.WriteString("store", entry.Store);
                writer.WriteString("location", entry.Location);
                writer.WriteString("algorithm", entry.Algorithm);
                writer.WriteBoolean("claimed", entry.Claimed);
                writer.WriteStartArray("purposes");
                foreach (var purpose in entry.Purposes)
                {
                    writer.WriteStringValue(purpose);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("certificates");
                foreach (var certificate in entry.Certificates)
                {
                    writer.WriteStartObject();
                    writer.WriteString("serialNumber", certificate.SerialNumber);
                    writer.WriteString("subject", certificate.Subject);
                    writer.WriteString("notAfter", certificate.NotAfter?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
