using System.Text.Json;

namespace Identity.Load;

/// <summary>
/// The two requests of the flow, identical for both providers but for the paths: a
/// client-credentials grant authenticated by the TLS client certificate alone, and an
/// introspection by the same application. An answer counts only when it is what the
/// application would use (an access token; <c>active: true</c>).
/// </summary>
internal sealed class TokenCalls(string tokenPath, string introspectionPath, string clientId, string scope)
{
    public static TokenCalls Platform(string clientId, string scope) => new("/connect/token", "/connect/introspect", clientId, scope);

    public static TokenCalls OidcProvider(string clientId, string scope) => new("/token", "/token/introspection", clientId, scope);

    /// <summary>Null when a token came back, else why not.</summary>
    public async Task<string?> TokenAsync(HttpClient client) => (await RequestTokenAsync(client)).Failure;

    /// <summary>An access token, or why there is none.</summary>
    public async Task<(string? Token, string? Failure)> RequestTokenAsync(HttpClient client)
    {
        var answer = await PostAsync(client, tokenPath, [new("grant_type", "client_credentials"), new("client_id", clientId), new("scope", scope)]);
        if (answer.Failure is not null)
        {
            return (null, answer.Failure);
        }

        return Read(answer.Body!, json => json.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null) is { Length: > 0 } value
            ? (value, null)
            : (null, "no access_token in " + Shorten(answer.Body!));
    }

    /// <summary>Null when the token was introspected as active, else why not.</summary>
    public async Task<string?> IntrospectAsync(HttpClient client, string token)
    {
        var answer = await PostAsync(client, introspectionPath, [new("token", token), new("client_id", clientId)]);
        if (answer.Failure is not null)
        {
            return answer.Failure;
        }

        return Read(answer.Body!, json => json.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True)
            ? null
            : "not active: " + Shorten(answer.Body!);
    }

    private static async Task<(string? Body, string? Failure)> PostAsync(HttpClient client, string path, KeyValuePair<string, string>[] form)
    {
        try
        {
            using var response = await client.PostAsync(path, new FormUrlEncodedContent(form));
            var body = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? (body, null) : (null, $"HTTP {(int)response.StatusCode} {Shorten(body)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, Describe(e));
        }
    }

    /// <summary>What <paramref name="read"/> finds in the JSON object <paramref name="body"/>; the default for anything else.</summary>
    private static T? Read<T>(string body, Func<JsonElement, T> read)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object ? read(json.RootElement) : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>The exception and its inner ones: "an error occurred while sending the request" alone says nothing.</summary>
    private static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
        }

        return string.Join(" <- ", parts);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;
}
