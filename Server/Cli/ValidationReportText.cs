using System.Text;
using System.Text.Json.Nodes;

namespace Server.Cli;

/// <summary>A validation report of <c>POST /signatures/verify</c> as lines a person reads.</summary>
internal static class ValidationReportText
{
    public static string Format(JsonObject report)
    {
        var text = new StringBuilder();
        var indication = report["indication"]?.ToString() ?? "?";
        text.AppendLine(report["subIndication"] is { } sub ? $"Indication: {indication} / {sub}" : $"Indication: {indication}");
        Line(text, "Level", report["level"]);
        Line(text, "Signer", Signer(report["signer"]));
        Line(text, "Signing time", report["signingTime"]);
        Line(text, "Time-stamp", TimeStamp(report["timestamp"]));
        if (report["checks"] is JsonArray { Count: > 0 } checks)
        {
            text.AppendLine("Checks:");
            foreach (var check in checks.OfType<JsonObject>())
            {
                var passed = check["passed"] is JsonValue value && value.TryGetValue<bool>(out var ok)
                    ? (ok ? "ok" : "FAILED")
                    : check["status"]?.ToString() ?? "?";
                var detail = check["detail"] is { } d ? ": " + d : "";
                text.AppendLine($"  [{passed}] {check["name"]}{detail}");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static void Line(StringBuilder text, string label, object? value)
    {
        if (value?.ToString() is { Length: > 0 } shown)
        {
            text.AppendLine($"{label}: {shown}");
        }
    }

    private static string? Signer(JsonNode? signer) => signer switch
    {
        JsonObject o => o["serialNumber"] is { } serial ? $"{o["subject"]} (serial {serial})" : o["subject"]?.ToString(),
        _ => signer?.ToString(),
    };

    private static string? TimeStamp(JsonNode? timestamp) => timestamp switch
    {
        JsonObject o => string.Join(", ", new[] { o["genTime"]?.ToString(), o["tsa"] is { } tsa ? "TSA " + tsa : null, o["serialNumber"] is { } s ? "serial " + s : null }
            .Where(p => p is not null)),
        _ => timestamp?.ToString(),
    };
}
