using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Signatures.Load;

/// <summary>
/// What a department does before its first seal: an administrator creates the department's seal,
/// and the attribute authority gives the caller (here the bootstrap administrator) the role
/// <c>seal-user</c> in that department, which the shipped policy lets seal.
/// </summary>
internal static class SealSetup
{
    public const string Department = "benchmark";

    public static async Task CreateAsync(HttpClient admin, string adminSerial)
    {
        await PostAsync(admin, "signatures/seals", new JsonObject { ["department"] = Department });
        await PostAsync(admin, "pmi/attribute-certificates", new JsonObject
        {
            ["holderSerial"] = adminSerial,
            ["roles"] = new JsonArray("seal-user"),
            ["department"] = Department,
        });
    }

    private static async Task PostAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
