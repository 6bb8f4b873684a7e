using System.Net;
using System.Text.Json;

namespace Server.Tests.Hosting;

/// <summary>Asserts that a response is RFC 7807 problem details with a given status and code.</summary>
public static class ProblemAssert
{
    /// <summary>The problem's body, once asserted.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(code, document.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("detail").GetString()));
        return document.RootElement.Clone();
    }
}
