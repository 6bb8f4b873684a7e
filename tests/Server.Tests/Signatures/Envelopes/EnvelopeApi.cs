using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Server.Tests.Signatures.Envelopes;

/// <summary>Calls of <c>POST /signatures/encrypt</c> and <c>POST /signatures/decrypt</c>, as a caller makes them.</summary>
internal static class EnvelopeApi
{
    public static Task<HttpResponseMessage> EncryptAsync(HttpClient client, byte[] content, string[] recipients, string? contentEncryption = null) =>
        client.PostAsJsonAsync("/signatures/encrypt", new { content = Convert.ToBase64String(content), recipients, contentEncryption });

    public static Task<HttpResponseMessage> DecryptAsync(HttpClient client, byte[] enveloped) =>
        DecryptAsync(client, Convert.ToBase64String(enveloped));

    public static Task<HttpResponseMessage> DecryptAsync(HttpClient client, string enveloped) =>
        client.PostAsJsonAsync("/signatures/decrypt", new { enveloped });

    /// <summary>The envelope of an encryption that must succeed.</summary>
    public static async Task<byte[]> EncryptedAsync(HttpClient client, byte[] content, string[] recipients, string? contentEncryption = null)
    {
        using var response = await EncryptAsync(client, content, recipients, contentEncryption);
        return Convert.FromBase64String((await Json(response)).GetProperty("enveloped").GetString()!);
    }

    /// <summary>The content of a decryption that must succeed.</summary>
    public static async Task<byte[]> DecryptedAsync(HttpClient client, byte[] enveloped)
    {
        using var response = await DecryptAsync(client, enveloped);
        return Convert.FromBase64String((await Json(response)).GetProperty("content").GetString()!);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
