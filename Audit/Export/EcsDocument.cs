using Audit.Events;
using Audit.Storage;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Audit.Export;

/// <summary>
/// Writes an entry as an Elastic Common Schema document (<see cref="EcsVersion"/>), so a SIEM can
/// search it with the fields it already knows, while keeping the proof: the index, the leaf hash
/// and the canonical entry in base64, the exact bytes an officer rehashes to prove inclusion.
/// Fields of the audit record that ECS has no place for live under <c>securityplatform.audit</c>.
/// Written field by field with <see cref="Utf8JsonWriter"/>: no reflection, one pass.
/// </summary>
internal static class EcsDocument
{
    /// <summary>The ECS version the documents follow.</summary>
    public const string EcsVersion = "8.11.0";

    /// <summary>The ECS <c>event.dataset</c>, also the prefix of the platform's own fields.</summary>
    public const string Dataset = "securityplatform.audit";

    // Relaxed escaping keeps names in Chinese and the '+' of base64 readable in the SIEM; the
    // document is never embedded in HTML, which is what the default escaping guards against.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the document for <paramref name="entry"/> into <paramref name="output"/>.</summary>
    /// <param name="entry">The stored entry.</param>
    /// <param name="record">The entry decoded, or null when it does not decode; the document then says so.</param>
    /// <param name="context">Facts of the exporting host rather than of the entry.</param>
    /// <param name="output">Where the UTF-8 JSON goes.</param>
    public static void Write(StoredEntry entry, AuditRecord? record, EcsContext context, IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("@timestamp", Timestamp(record?.Time ?? context.ExportTime));
        json.WriteString("message", record is null ? UndecodableMessage(entry.Index) : Summary(record));
        json.WriteStartObject("ecs");
        json.WriteString("version", EcsVersion);
        json.WriteEndObject();
        WriteEvent(json, entry.Index, record);
        if (record is not null)
        {
            WriteActor(json, record.Actor);
            WriteSource(json, record.SourceAddress);
            WriteRelated(json, record);
            if (record.RequestId is not null)
            {
                json.WriteStartObject("http");
                json.WriteStartObject("request");
                json.WriteString("id", record.RequestId);
                json.WriteEndObject();
                json.WriteEndObject();
            }
        }
        else
        {
            json.WriteStartObject("error");
            json.WriteString("type", "undecodable_entry");
            json.WriteString("message", "The stored entry is not a canonical audit record; its bytes are in securityplatform.audit.entry.");
            json.WriteEndObject();
        }

        json.WriteStartObject("host");
        json.WriteString("name", context.HostName);
        json.WriteEndObject();
        json.WriteStartObject("service");
        json.WriteString("name", "securityplatform");
        json.WriteString("type", "audit");
        json.WriteEndObject();
        WritePlatformFields(json, entry, record, context.Origin);
        json.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter json, long index, AuditRecord? record)
    {
        json.WriteStartObject("event");
        json.WriteString("kind", record is null ? "pipeline_error" : "event");
        json.WriteString("module", "securityplatform");
        json.WriteString("dataset", Dataset);
        json.WriteNumber("sequence", index);
        if (record is not null)
        {
            json.WriteString("action", record.Action);
            json.WriteString("outcome", record.Outcome == AuditOutcome.Success ? "success" : "failure");
            json.WriteString("provider", record.Module);
            if (EcsEventKinds.Category(record.Action) is { } category)
            {
                json.WriteStartArray("category");
                json.WriteStringValue(category);
                json.WriteEndArray();
            }

            json.WriteStartArray("type");
            foreach (var type in EcsEventKinds.Types(record.Action, record.Outcome))
            {
                json.WriteStringValue(type);
            }

            json.WriteEndArray();
            json.WriteNumber("severity", SyslogMessage.Severity(record.Outcome));
        }
        else
        {
            json.WriteString("outcome", "unknown");
        }

        json.WriteEndObject();
    }

    private static void WriteActor(Utf8JsonWriter json, AuditActor actor)
    {
        if (actor.User is not null || actor.Subject is not null)
        {
            json.WriteStartObject("user");
            if (actor.User is not null)
            {
                json.WriteString("name", actor.User);
            }

            if (actor.Subject is not null)
            {
                json.WriteString("id", actor.Subject);
            }

            json.WriteEndObject();
        }

        // A serial means certificate authentication, so the subject is the certificate's DN.
        if (actor.Serial is not null)
        {
            json.WriteStartObject("tls");
            json.WriteStartObject("client");
            json.WriteStartObject("x509");
            json.WriteString("serial_number", actor.Serial.ToUpperInvariant());
            if (actor.Subject is not null)
            {
                json.WriteStartObject("subject");
                json.WriteString("distinguished_name", actor.Subject);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (actor.ClientId is not null)
        {
            json.WriteStartObject("client");
            json.WriteStartObject("user");
            json.WriteString("id", actor.ClientId);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private static void WriteSource(Utf8JsonWriter json, string? address)
    {
        if (address is null)
        {
            return;
        }

        json.WriteStartObject("source");
        json.WriteString("address", address);
        if (IPAddress.TryParse(address, out var ip))
        {
            json.WriteString("ip", ip.ToString());
        }

        json.WriteEndObject();
    }

    private static void WriteRelated(Utf8JsonWriter json, AuditRecord record)
    {
        var users = new[] { record.Actor.User, record.Actor.Subject, record.Actor.ClientId }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var ip = record.SourceAddress is not null && IPAddress.TryParse(record.SourceAddress, out var parsed) ? parsed.ToString() : null;
        if (users.Count == 0 && ip is null)
        {
            return;
        }

        json.WriteStartObject("related");
        if (users.Count > 0)
        {
            json.WriteStartArray("user");
            foreach (var user in users)
            {
                json.WriteStringValue(user);
            }

            json.WriteEndArray();
        }

        if (ip is not null)
        {
            json.WriteStartArray("ip");
            json.WriteStringValue(ip);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WritePlatformFields(Utf8JsonWriter json, StoredEntry entry, AuditRecord? record, string? origin)
    {
        json.WriteStartObject("securityplatform");
        json.WriteStartObject("audit");
        json.WriteNumber("index", entry.Index);
        if (origin is not null)
        {
            json.WriteString("origin", origin);
        }

        json.WriteBase64String("leaf_hash", entry.LeafHash);
        json.WriteBase64String("entry", entry.Entry);
        json.WriteBoolean("decoded", record is not null);
        if (record is not null)
        {
            json.WriteString("module", record.Module);
            json.WriteString("outcome", AuditRecordEncoder.OutcomeName(record.Outcome));
            if (record.Target is not null)
            {
                json.WriteString("target", record.Target);
            }

            WritePlatformActor(json, record.Actor);
            json.WriteStartObject("details");
            foreach (var (name, value) in record.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(name);
                value.WriteTo(json);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    // The actor as recorded, whatever ECS made of it, so a rule can match exactly what was hashed.
    private static void WritePlatformActor(Utf8JsonWriter json, AuditActor actor)
    {
        json.WriteStartObject("actor");
        WriteIfPresent(json, "subject", actor.Subject);
        WriteIfPresent(json, "serial", actor.Serial);
        WriteIfPresent(json, "client_id", actor.ClientId);
        WriteIfPresent(json, "user", actor.User);
        json.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Summary(AuditRecord record)
    {
        var actor = record.Actor.User ?? record.Actor.Subject ?? record.Actor.ClientId ?? "anonymous";
        var target = record.Target is null ? "" : " on " + record.Target;
        return $"{record.Action} {AuditRecordEncoder.OutcomeName(record.Outcome)}: {actor}{target} ({record.Module})";
    }

    private static string UndecodableMessage(long index) =>
        string.Create(CultureInfo.InvariantCulture, $"audit entry {index} does not decode as a canonical record");
}

/// <summary>Facts of the exporting host that go into every document.</summary>
/// <param name="HostName">ECS <c>host.name</c>.</param>
/// <param name="Origin">The log's origin line (the checkpoint's first line), if known.</param>
/// <param name="ExportTime">The <c>@timestamp</c> of an entry that does not decode and so has no time of its own.</param>
internal readonly record struct EcsContext(string HostName, string? Origin, DateTimeOffset ExportTime);
