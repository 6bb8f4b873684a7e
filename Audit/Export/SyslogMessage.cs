using Audit.Events;
using Audit.Storage;
using System.Globalization;
using System.Text;

namespace Audit.Export;

/// <summary>
/// Formats a log entry as an RFC 5424 message, framed by octet counting (RFC 6587 §3.4.1, as RFC
/// 5425 requires on TLS). The message body is the canonical entry itself, so a collector holds
/// the exact bytes the Merkle tree hashed; structured data carries the index and leaf hash.
/// </summary>
internal static class SyslogMessage
{
    // Facility 13, "log audit" (RFC 5424 table 1).
    private const int Facility = 13;

    // 32473 is the private enterprise number RFC 5612 reserves for examples and documentation.
    private const string StructuredDataId = "audit@32473";

    public static byte[] Frame(StoredEntry entry, string hostName, string appName)
    {
        var record = AuditRecordDecoder.TryDecode(entry.Entry);
        var severity = record?.Outcome switch
        {
            AuditOutcome.Success => 6,
            AuditOutcome.Failure => 5,
            _ => 4,
        };
        var time = record?.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "-";
        var header = string.Create(CultureInfo.InvariantCulture,
            $"<{(Facility * 8) + severity}>1 {time} {Token(hostName, 255)} {Token(appName, 48)} - {Token(record?.Action, 32)} " +
            $"[{StructuredDataId} index=\"{entry.Index}\" leafHash=\"{Convert.ToBase64String(entry.LeafHash)}\"] ");
        var headerBytes = Encoding.ASCII.GetBytes(header);

        // The UTF-8 byte-order mark tells the collector the message is UTF-8 (RFC 5424 §6.4).
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var length = headerBytes.Length + bom.Length + entry.Entry.Length;
        var prefix = Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + " ");
        return [.. prefix, .. headerBytes, .. bom, .. entry.Entry];
    }

    // Header fields are printable ASCII without spaces; anything else becomes '_' and "-" means none.
    private static string Token(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var chars = value.Take(maxLength).Select(c => c is >= '!' and <= '~' ? c : '_').ToArray();
        return new string(chars);
    }
}
