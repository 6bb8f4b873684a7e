using Audit.Events;
using Audit.Storage;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace Audit.Export;

/// <summary>
/// Formats a log entry as an RFC 5424 message, framed by octet counting (RFC 6587 §3.4.1, as RFC
/// 5425 requires on TLS). The body is an ECS document (<see cref="EcsDocument"/>) or the
/// canonical entry itself (<see cref="SyslogFormat.Canonical"/>); either way the structured data
/// carries the index and leaf hash, so a collector can drop repeats without parsing the body.
/// </summary>
internal static class SyslogMessage
{
    // Facility 13, "log audit" (RFC 5424 table 1).
    private const int Facility = 13;

    // 32473 is the private enterprise number RFC 5612 reserves for examples and documentation.
    private const string StructuredDataId = "audit@32473";

    // The UTF-8 byte-order mark tells the collector the message is UTF-8 (RFC 5424 §6.4).
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The RFC 5424 severity of an outcome: 6 informational, 5 notice, 4 warning.</summary>
    public static int Severity(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => 6,
        AuditOutcome.Failure => 5,
        _ => 4,
    };

    /// <summary>The framed message for <paramref name="entry"/>: "LENGTH SP SYSLOG-MSG".</summary>
    public static byte[] Frame(StoredEntry entry, SyslogFormat format, EcsContext context, string appName)
    {
        // An entry that does not decode is still exported: with what can be said (index, hash,
        // bytes), at warning severity, so the collector sees the gap instead of a silent hole.
        var record = AuditRecordDecoder.TryDecode(entry.Entry);
        var severity = record is null ? 4 : Severity(record.Outcome);
        var time = record?.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "-";
        var header = string.Create(CultureInfo.InvariantCulture,
            $"<{(Facility * 8) + severity}>1 {time} {Token(context.HostName, 255)} {Token(appName, 48)} - {Token(record?.Action, 32)} " +
            $"[{StructuredDataId} index=\"{entry.Index}\" leafHash=\"{Convert.ToBase64String(entry.LeafHash)}\"] ");

        var message = new ArrayBufferWriter<byte>(header.Length + Bom.Length + (entry.Entry.Length * 3) + 1024);
        message.Write(Encoding.ASCII.GetBytes(header));
        message.Write(Bom);
        if (format == SyslogFormat.Ecs)
        {
            EcsDocument.Write(entry, record, context, message);
        }
        else
        {
            message.Write(entry.Entry);
        }

        var prefix = Encoding.ASCII.GetBytes(message.WrittenCount.ToString(CultureInfo.InvariantCulture) + " ");
        return [.. prefix, .. message.WrittenSpan];
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
