using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary><c>GET /identity/people</c>: the directory a page at a time in login order, filtered by the server.</summary>
public sealed class PeopleListTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task List_BySearch_PagesInLoginOrder_WithTotpStatus()
    {
        var marker = Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        foreach (var login in new[] { $"c-{marker}", $"a-{marker}", $"b-{marker}" })
        {
            (await admin.PostAsJsonAsync("/identity/people", new { login, displayName = $"Person {login}", department = "works" })).EnsureSuccessStatusCode();
        }

        (await admin.PostAsJsonAsync("/identity/people", new { login = $"z-{Guid.NewGuid():n}"[..20], displayName = "Unrelated", department = "works" })).EnsureSuccessStatusCode();

        using var first = JsonDocument.Parse(await admin.GetStringAsync($"/identity/people?search={marker.ToUpperInvariant()}&limit=2"));
        var next = first.RootElement.GetProperty("next").GetString();
        using var second = JsonDocument.Parse(await admin.GetStringAsync($"/identity/people?search={marker}&limit=2&cursor={next}"));

        Assert.Equal([$"a-{marker}", $"b-{marker}"], Logins(first));
        Assert.Equal([$"c-{marker}"], Logins(second));
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("next").ValueKind);
        Assert.False(first.RootElement.GetProperty("people")[0].GetProperty("totpEnrolled").GetBoolean());
    }

    [Fact]
    public async Task List_ByDepartment_FindsOnlyItsPeople()
    {
        var department = $"dept-{Guid.NewGuid():n}"[..16];
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync("/identity/people", new { login = $"in-{department}", displayName = "Inside", department })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/identity/people", new { login = $"out-{department}", displayName = "Outside", department = "works" })).EnsureSuccessStatusCode();

        using var page = JsonDocument.Parse(await admin.GetStringAsync($"/identity/people?department={department}"));

        Assert.Equal([$"in-{department}"], Logins(page));
    }

    [Theory]
    [InlineData("limit=0", "limit-invalid")]
    [InlineData("limit=abc", "limit-invalid")]
    [InlineData("cursor=%20%20", "cursor-invalid")]
    public async Task List_BadQuery_Returns400(string query, string code)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.GetAsync($"/identity/people?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    private static List<string> Logins(JsonDocument page) =>
        [.. page.RootElement.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("login").GetString()!)];
}
