using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary><c>GET /identity/clients?search=</c>: the server filters applications by client id or display name, and pages the result.</summary>
public sealed class ClientListTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task List_BySearch_FindsByIdOrName_APageAtATime()
    {
        var marker = Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        await RegisterAsync(admin, $"a-{marker}", "Tax Office");
        await RegisterAsync(admin, $"b-app-{Guid.NewGuid():n}"[..20], $"Portal {marker.ToUpperInvariant()}");
        await RegisterAsync(admin, $"c-app-{Guid.NewGuid():n}"[..20], "Unrelated");

        using var first = JsonDocument.Parse(await admin.GetStringAsync($"/identity/clients?search={marker}&limit=1"));
        var next = first.RootElement.GetProperty("next").GetString();
        using var second = JsonDocument.Parse(await admin.GetStringAsync($"/identity/clients?search={marker}&limit=1&cursor={next}"));

        Assert.Equal($"a-{marker}", Assert.Single(first.RootElement.GetProperty("clients").EnumerateArray()).GetProperty("clientId").GetString());
        Assert.Equal($"Portal {marker.ToUpperInvariant()}", Assert.Single(second.RootElement.GetProperty("clients").EnumerateArray()).GetProperty("displayName").GetString());
        // The applications API leaves absent members out: the last page has no next.
        Assert.False(second.RootElement.TryGetProperty("next", out _));
    }

    [Fact]
    public async Task List_SearchTooLong_Returns400()
    {
        using var admin = Server.AdminClient();

        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/identity/clients?search={new string('x', 101)}"), HttpStatusCode.BadRequest, "query-invalid");
    }

    private static async Task RegisterAsync(HttpClient admin, string clientId, string displayName)
    {
        using var response = await admin.PostAsJsonAsync("/identity/clients", new
        {
            clientId,
            displayName,
            redirectUris = new[] { "https://approvals.city.example/signin-oidc" },
            grantTypes = new[] { "authorization_code" },
            scopes = new[] { "openid" },
            audiences = new[] { "https://approvals.city.example" },
            tokenEndpointAuthMethod = "client_secret_basic",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
