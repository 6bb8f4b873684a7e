using Audit.Storage;
using Microsoft.AspNetCore.Http;
using Platform.Http;
using System.Globalization;
using System.Text.Json;

namespace Audit.Endpoints;

/// <summary>Officer endpoints that read the log's entries.</summary>
internal static class EventEndpoints
{
    private static readonly string[] Outcomes = ["success", "failure", "denied"];

    public static async Task<IResult> SearchAsync(HttpContext context, IAuditStore store, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        DateTimeOffset? from = null, to = null;
        if (query.TryGetValue("from", out var fromText))
        {
            if (!QueryValues.TryParseTime(fromText, out var parsed))
            {
                return Problems.Result(ProblemCodes.FromInvalid, "from is an ISO 8601 time, such as 2026-11-26T14:00:00Z.");
            }

            from = parsed;
        }

        if (query.TryGetValue("to", out var toText))
        {
            if (!QueryValues.TryParseTime(toText, out var parsed))
            {
                return Problems.Result(ProblemCodes.ToInvalid, "to is an ISO 8601 time, such as 2026-11-26T15:00:00Z.");
            }

            to = parsed;
        }

        if (from > to)
        {
            return Problems.Result(ProblemCodes.TimeRangeInvalid, "from must not be after to.");
        }

        var limit = 100;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > EventQuery.MaxLimit))
        {
            return Problems.Result(ProblemCodes.LimitInvalid, $"limit is between 1 and {EventQuery.MaxLimit}.");
        }

        long? before = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (!QueryValues.TryParseIndex(cursorText, out var cursor))
            {
                return Problems.Result(ProblemCodes.CursorInvalid, "cursor must be a value returned as 'next' by an earlier search.");
            }

            before = cursor;
        }

        var outcome = Text(query, "outcome");
        if (outcome is not null && !Outcomes.Contains(outcome))
        {
            return Problems.Result(ProblemCodes.OutcomeInvalid, "outcome is one of success, failure, denied.");
        }

        var page = await store.SearchAsync(new EventQuery
        {
            From = from, To = to, Actor = Text(query, "actor"), Action = Text(query, "action"), Target = Text(query, "target"),
            Outcome = outcome, Module = Text(query, "module"), Before = before, Limit = limit,
        }, cancellationToken);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var entry in page.Entries)
            {
                // The entry is the event's canonical JSON; served verbatim so clients can re-hash it.
                writer.WriteRawValue(entry.Entry);
            }

            writer.WriteEndArray();
            if (page.Next is { } next)
            {
                writer.WriteString("next", next.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("next");
            }

            writer.WriteEndObject();
        }

        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    public static async Task<IResult> GetAsync(string index, IAuditStore store, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParseIndex(index, out var position))
        {
            return Problems.Result(ProblemCodes.IndexInvalid, "index is a non-negative decimal integer.");
        }

        var entry = await store.GetEntryAsync(position, cancellationToken);
        if (entry is null)
        {
            return Problems.Result(ProblemCodes.EventUnknown, $"The log has no entry {position}.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", entry.Index);
            writer.WriteBase64String("entry", entry.Entry);
            writer.WriteBase64String("leafHash", entry.LeafHash);
            writer.WritePropertyName("event");
            writer.WriteRawValue(entry.Entry);
            writer.WriteEndObject();
        }

        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    // Filters are exact matches; an empty value is the same as leaving the filter out.
    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;
}
