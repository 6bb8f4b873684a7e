using System.Text.Json;
using Server.Tests.Hosting;

namespace Server.Tests.Authorization;

/// <summary>A pathological policy costs its budget, not the server: the decision comes back with the policy's error.</summary>
public sealed class EvaluationBudgetEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task IsAuthorized_PathologicalLike_AnswersWithThePolicyErroring()
    {
        using var admin = fixture.Server.AdminClient();
        var pattern = string.Concat(Enumerable.Repeat("*a", 50)) + "*" + new string('a', 2000) + "b";
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin,
            $"@id(\"slow\") permit(principal, action, resource) when {{ context.text like \"{pattern}\" }};\n@id(\"open\") permit(principal, action == Action::\"read\", resource);"));
        var request = JsonSerializer.Serialize(new
        {
            principal = new { type = "User", id = "mallory" },
            action = new { type = "Action", id = "view" },
            resource = new { type = "Case", id = "c1" },
            context = new { text = new string('a', 300_000) },
        });

        using var response = await AuthzClient.IsAuthorizedAsync(admin, request);

        await AuthzClient.EnsureAsync(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("deny", body.RootElement.GetProperty("decision").GetString());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("slow", error.GetProperty("policyId").GetString());
        Assert.Contains("evaluation budget exceeded", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
