using System.Net;
using System.Text.Json;
using Server.Tests.Hosting;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Registration;

/// <summary><c>GET /pki/departments</c> a page at a time: by name after a given one, filtered by the server.</summary>
public sealed class DepartmentListTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task List_WithLimitAndAfter_PagesByName()
    {
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add(await DepartmentAsync(Server));
        }

        names.Sort(StringComparer.Ordinal);
        using var admin = Server.AdminClient();
        var first = await NamesAsync(admin, "?limit=2");
        var all = await NamesAsync(admin, "");
        var afterFirst = await NamesAsync(admin, $"?limit=1000&after={first[^1]}");

        Assert.Equal(all.Take(2), first);
        Assert.Equal(all.Skip(2), afterFirst);
        Assert.Equal(names, all.Intersect(names));
    }

    [Fact]
    public async Task List_BySearch_FindsTheDepartmentByItsName()
    {
        var name = await DepartmentAsync(Server);
        using var admin = Server.AdminClient();

        Assert.Equal([name], await NamesAsync(admin, $"?search={name[5..].ToUpperInvariant()}&limit=10"));
    }

    [Theory]
    [InlineData("?limit=0", "limit-invalid")]
    [InlineData("?after=no%20such%20name", "query-invalid")]
    public async Task List_BadQuery_Returns400(string query, string code)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.GetAsync($"/pki/departments{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string query)
    {
        using var page = JsonDocument.Parse(await client.GetStringAsync($"/pki/departments{query}"));
        return [.. page.RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()!)];
    }
}
