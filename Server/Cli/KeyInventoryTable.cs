using Platform.Keys.Inventory;
using System.Globalization;
using System.Text;

namespace Server.Cli;

/// <summary>
/// <c>keys list</c> for a person: one row per key, further rows for its further purposes and
/// certificates; an unclaimed key says so in the purpose column, a missing or offline key in the
/// store column.
/// </summary>
internal static class KeyInventoryTable
{
    private static readonly string[] Header = ["KEY ID", "STORE", "LOCATION", "ALGORITHM", "PURPOSE", "CERTIFICATE", "SUBJECT", "NOT AFTER"];

    public static string Write(IReadOnlyList<KeyInventoryEntry> entries)
    {
        var rows = new List<string[]> { Header };
        foreach (var entry in entries)
        {
            var purposes = entry.Claimed ? entry.Purposes : ["(unclaimed)"];
            var lines = Math.Max(purposes.Count, Math.Max(entry.Certificates.Count, 1));
            for (var i = 0; i < lines; i++)
            {
                var certificate = i < entry.Certificates.Count ? entry.Certificates[i] : null;
                rows.Add(
                [
                    i == 0 ? (entry.KeyId.Length == 0 ? "-" : entry.KeyId) : "",
                    i == 0 ? entry.Store : "",
                    i == 0 ? entry.Location ?? "-" : "",
                    i == 0 ? entry.Algorithm ?? "-" : "",
                    i < purposes.Count ? purposes[i] : "",
                    certificate?.SerialNumber ?? (i == 0 ? "-" : ""),
                    certificate is null ? "" : certificate.Subject ?? "(not current)",
                    certificate?.NotAfter?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "",
                ]);
            }
        }

        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }
}
