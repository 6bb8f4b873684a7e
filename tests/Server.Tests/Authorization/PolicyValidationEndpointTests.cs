using System.Net;
using System.Text;
using System.Text.Json;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.AuthzClient;

namespace Server.Tests.Authorization;

/// <summary><c>POST /authz/policies/validation</c>: the update's checks, at line and column, with nothing stored.</summary>
public sealed class PolicyValidationEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Schema = """
        entity User { department: String };
        entity Document { owner: User };
        action read appliesTo { principal: User, resource: Document };
        """;

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Validate_SyntaxError_NamesItsLineAndColumn_AndStoresNothing()
    {
        using var admin = Server.AdminClient();
        await ResetAsync(admin, Schema, "permit(principal, action, resource);");
        var history = await admin.GetStringAsync("/authz/history");

        var answer = await ValidateAsync(admin, "permit(principal, action, resource);\n\npermit(principal action, resource);");

        Assert.False(answer.GetProperty("valid").GetBoolean());
        Assert.Equal("policy-syntax-invalid", answer.GetProperty("code").GetString());
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 1);
        Assert.Equal("permit(principal, action, resource);", await admin.GetStringAsync("/authz/policies"));
        Assert.Equal(history, await admin.GetStringAsync("/authz/history"));
    }

    [Fact]
    public async Task Validate_AgainstTheSchema_ReportsThePolicyAndPosition_AsTheUpdateWould()
    {
        using var admin = Server.AdminClient();
        await ResetAsync(admin, Schema, "permit(principal, action, resource);");
        const string text = "@id(\"ok\") permit(principal, action, resource);\n@id(\"bad\") permit(principal, action, resource) when { principal.salary > 5 };";

        var answer = await ValidateAsync(admin, text);
        using var update = await PutPoliciesAsync(admin, text);

        Assert.False(answer.GetProperty("valid").GetBoolean());
        Assert.Equal("policy-invalid", answer.GetProperty("code").GetString());
        var error = answer.GetProperty("errors")[0];
        Assert.Equal("bad", error.GetProperty("policyId").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        await ProblemAssert.IsProblemAsync(update, HttpStatusCode.BadRequest, "policy-invalid");
    }

    [Fact]
    public async Task Validate_ValidSet_CountsItsPolicies_AndNamesTheSchemaVersion()
    {
        using var admin = Server.AdminClient();
        await ResetAsync(admin, Schema, "");

        var answer = await ValidateAsync(admin, "@id(\"a\") permit(principal, action, resource);\n@id(\"b\") forbid(principal, action, resource) when { principal.department == \"x\" };");

        Assert.True(answer.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("code").ValueKind);
        Assert.Equal(2, answer.GetProperty("policyCount").GetInt32());
        Assert.True(answer.GetProperty("schemaVersion").GetInt64() > 0);
        Assert.Equal("", await admin.GetStringAsync("/authz/policies"));
    }

    [Fact]
    public async Task Validate_WithoutAdministrator_IsRefused()
    {
        using var anonymous = Server.HttpsClient();
        using var response = await anonymous.PostAsync("/authz/policies/validation", new StringContent("permit(principal, action, resource);", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonElement> ValidateAsync(HttpClient admin, string text)
    {
        using var response = await admin.PostAsync("/authz/policies/validation", new StringContent(text, Encoding.UTF8, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
