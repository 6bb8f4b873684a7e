using System.Net;
using System.Text.Json;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Authorization.AuthzClient;

namespace Server.Tests.Authorization;

public sealed class PolicyPersistenceTests
{
    [Fact]
    public async Task Restart_ActivePoliciesAndSchema_AreLoadedAgain()
    {
        using var data = new TemporaryDirectory();
        const string schema = "entity User; entity Doc; action read appliesTo { principal: User, resource: Doc };";
        const string policies = "@id(\"alice\") permit(principal == User::\"alice\", action, resource);";
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            using var admin = first.AdminClient();
            await ResetAsync(admin, schema, policies);
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        using var client = second.AdminClient();
        using var get = await client.GetAsync("/authz/policies");
        Assert.Equal(policies, await get.Content.ReadAsStringAsync());
        using var decision = await IsAuthorizedAsync(client,
            """{"principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "read"}, "resource": {"type": "Doc", "id": "d"}}""");
        using var body = JsonDocument.Parse(await decision.Content.ReadAsStringAsync());
        Assert.Equal("allow", body.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Start_NothingStored_DeniesEverything()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path);
        using var admin = server.AdminClient();

        using var decision = await IsAuthorizedAsync(admin,
            """{"principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "read"}, "resource": {"type": "Doc", "id": "d"}}""");
        using var schema = await admin.GetAsync("/authz/schema");

        Assert.Contains("\"deny\"", await decision.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(schema, HttpStatusCode.NotFound, "schema-not-set");
    }
}
