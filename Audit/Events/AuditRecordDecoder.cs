using System.Globalization;
using System.Text.Json;

namespace Audit.Events;

/// <summary>
/// Reads an audit log entry back into an <see cref="AuditRecord"/>, accepting only entries in
/// exactly the canonical form <see cref="AuditRecordEncoder"/> writes: decoding then re-encoding
/// must give the same bytes. A verifier can therefore trust that the fields it shows are the
/// ones the leaf hash covers, with no second spelling hiding behind them.
/// </summary>
public static class AuditRecordDecoder
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = AuditRecordEncoder.MaxDetailDepth + 2,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Decodes untrusted entry bytes.</summary>
    /// <returns>The record, or null when the bytes are not a canonical version-1 entry.</returns>
    public static AuditRecord? TryDecode(ReadOnlySpan<byte> entry)
    {
        if (entry.Length is 0 or > AuditRecordEncoder.MaxEncodedSize)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(entry.ToArray(), Options);
            var record = FromJson(document.RootElement);
            if (record is null)
            {
                return null;
            }

            // Canonical form is the contract: anything the encoder would spell differently
            // (order, escapes, white space, extra members) is refused here.
            var reencoded = AuditRecordEncoder.Encode(record);
            return reencoded.IsSuccess && entry.SequenceEqual(reencoded.Bytes) ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Thrown for values of the wrong JSON kind and unpaired surrogate escapes.
            return null;
        }
    }

    private static AuditRecord? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("v", out var version) || !version.TryGetInt64(out var v) || v != AuditRecordEncoder.FormatVersion ||
            !root.TryGetProperty("index", out var index) || !index.TryGetInt64(out var i) ||
            !root.TryGetProperty("time", out var time) ||
            !DateTimeOffset.TryParseExact(time.GetString(), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ||
            !root.TryGetProperty("actor", out var actor) || actor.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Object ||
            ParseOutcome(OptionalString(root, "outcome")) is not { } outcome)
        {
            return null;
        }

        var detailValues = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in details.EnumerateObject())
        {
            detailValues[property.Name] = property.Value.Clone();
        }

        return new AuditRecord
        {
            Index = i,
            Time = t.ToUniversalTime(),
            Actor = new AuditActor
            {
                Subject = OptionalString(actor, "subject"),
                Serial = OptionalString(actor, "serial"),
                ClientId = OptionalString(actor, "clientId"),
                User = OptionalString(actor, "user"),
            },
            Action = OptionalString(root, "action") ?? "",
            Target = OptionalString(root, "target"),
            Outcome = outcome,
            SourceAddress = OptionalString(root, "sourceAddress"),
            RequestId = OptionalString(root, "requestId"),
            Module = OptionalString(root, "module") ?? "",
            Details = detailValues,
        };
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static AuditOutcome? ParseOutcome(string? name) => name switch
    {
        "success" => AuditOutcome.Success,
        "failure" => AuditOutcome.Failure,
        "denied" => AuditOutcome.Denied,
        _ => null,
    };
}
