using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Console;

/// <summary>Audit facts the console tests need from the server itself, asked as the bootstrap administrator.</summary>
internal static class ConsoleAudit
{
    /// <summary>The index of the latest successful sign-in event of <paramref name="login"/>.</summary>
    public static async Task<long> SignInEventAsync(PlatformServer server, string login)
    {
        using var admin = server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=identity&action=sign-in&target={login}&outcome=success");
        return events[0].GetProperty("index").GetInt64();
    }

    /// <summary>Signs a checkpoint now (rather than waiting for the schedule), so every event so far is covered; its tree size.</summary>
    public static async Task<long> PublishCheckpointAsync(PlatformServer server)
    {
        using var admin = server.AdminClient();
        using var published = await admin.PostAsync("/audit/checkpoint", null);
        var note = await published.Content.ReadAsStringAsync();
        Assert.True(published.IsSuccessStatusCode, note);
        return long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The name in the log's verifier key (name+hash+key).</summary>
    public static async Task<string> VerifierKeyNameAsync(PlatformServer server)
    {
        using var client = server.HttpClient();
        return (await client.GetStringAsync("/audit/verifier-key")).Split('+')[0];
    }

    /// <summary>The event as the administration API answers it.</summary>
    public static async Task<JsonElement> EventAsync(PlatformServer server, long index)
    {
        using var admin = server.AdminClient();
        return await admin.GetFromJsonAsync<JsonElement>($"/audit/events/{index}");
    }
}
