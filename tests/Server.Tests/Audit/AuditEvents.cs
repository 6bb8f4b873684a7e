using System.Net;
using System.Text.Json;

namespace Server.Tests.Audit;

/// <summary>Reads the audit trail the way an officer does: <c>GET /audit/events</c>.</summary>
internal static class AuditEvents
{
    /// <summary>The events matching <paramref name="query"/> (starting with <c>?</c>), newest first.</summary>
    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/audit/events" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone())];
    }
}
