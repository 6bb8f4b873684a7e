using Server.Tests.Hosting;
using System.Net.Http.Json;
using System.Text.Json;

namespace Server.Tests.Signatures.Validation;

/// <summary>POST /signatures/verify as the administrator of <paramref name="server"/>.</summary>
internal sealed class VerifierClient(PlatformServer server) : IAsyncDisposable
{
    private readonly HttpClient client = server.AdminClient();

    /// <summary>The status and the report (or problem details).</summary>
    public async Task<(int Status, JsonElement Body)> VerifyAsync(byte[] signature, byte[]? content = null)
    {
        using var response = await client.PostAsJsonAsync("/signatures/verify",
            new { signature = Convert.ToBase64String(signature), content = content is null ? null : Convert.ToBase64String(content) });
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
