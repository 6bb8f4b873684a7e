using System.Net;
using System.Text.Json;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.AuthzClient;

namespace Server.Tests.Authorization;

public sealed class PolicyAdministrationEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Schema = """
        entity Group;
        entity User in [Group] { department: String };
        entity Document { owner: User };
        action read, edit appliesTo { principal: User, resource: Document, context: { mfa: Bool } };
        """;

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task PutPolicies_Valid_StoresNewVersionAndGetReturnsIt()
    {
        using var admin = Server.AdminClient();
        const string text = "@id(\"owners\") permit(principal, action, resource) when { resource.owner == principal };";
        await ResetAsync(admin, Schema, "");
        using var put = await PutPoliciesAsync(admin, text);
        await EnsureAsync(put);
        using var body = JsonDocument.Parse(await put.Content.ReadAsStringAsync());
        var version = body.RootElement.GetProperty("version").GetInt64();
        Assert.Equal(1, body.RootElement.GetProperty("policyCount").GetInt32());

        using var get = await admin.GetAsync("/authz/policies");
        Assert.Equal(text, await get.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", ContentType(get)?.MediaType);
        Assert.Equal($"\"{version}\"", get.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task PutPolicies_SyntaxError_Answers400WithLineAndColumn()
    {
        using var admin = Server.AdminClient();
        using var response = await PutPoliciesAsync(admin, "permit(principal, action, resource);\npermit(principal action, resource);");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "policy-syntax");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 1);
    }

    [Fact]
    public async Task PutPolicies_InvalidAgainstSchema_Answers400AndKeepsActiveSet()
    {
        using var admin = Server.AdminClient();
        await ResetAsync(admin, Schema, "permit(principal, action, resource);");
        using var before = await admin.GetAsync("/authz/policies");

        using var response = await PutPoliciesAsync(admin, "@id(\"bad\") permit(principal, action, resource) when { principal.salary > 5 };");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "policy-invalid");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bad", body.RootElement.GetProperty("errors")[0].GetProperty("policyId").GetString());
        using var after = await admin.GetAsync("/authz/policies");
        Assert.Equal(await before.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PutSchema_ActivePoliciesDoNotValidate_Answers400SchemaConflict()
    {
        using var admin = Server.AdminClient();
        await ResetAsync(admin, Schema, "@id(\"dept\") permit(principal, action, resource) when { principal.department == \"tax\" };");

        using var response = await PutSchemaAsync(admin, "entity User; entity Document; action read appliesTo { principal: User, resource: Document };");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "schema-conflict");
        using var get = await admin.GetAsync("/authz/schema");
        Assert.Equal(Schema, await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PutSchema_SyntaxError_Answers400WithPosition()
    {
        using var admin = Server.AdminClient();
        using var response = await PutSchemaAsync(admin, "entity User;\nentity Document {");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "schema-syntax");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("errors")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task PutSchema_Json_IsStoredAndReturnedAsJson()
    {
        using var admin = Server.AdminClient();
        await EnsureAsync(await PutPoliciesAsync(admin, ""));
        const string json = """{"": {"entityTypes": {"User": {}, "Document": {}}, "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Document"]}}}}}""";

        await EnsureAsync(await PutSchemaAsync(admin, json, "application/json"));

        using var get = await admin.GetAsync("/authz/schema");
        Assert.Equal("application/json", ContentType(get)?.MediaType);
        Assert.Equal(json, await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PutPolicies_TooLarge_Answers413()
    {
        using var admin = Server.AdminClient();
        var text = "permit(principal, action, resource);\n" + new string(' ', 1024 * 1024);

        using var response = await PutPoliciesAsync(admin, text);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task PutPolicies_WrongMediaType_Answers415()
    {
        using var admin = Server.AdminClient();
        using var response = await admin.PutAsync("/authz/policies", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task PutPolicies_DeeplyNested_Answers400()
    {
        using var admin = Server.AdminClient();
        var text = "permit(principal, action, resource) when { " + new string('(', 5000) + "true" + new string(')', 5000) + " };";

        using var response = await PutPoliciesAsync(admin, text);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "policy-syntax");
    }

    [Fact]
    public async Task PutPolicies_NotAdministrator_Answers403()
    {
        using var certificate = await ClientCertificateAsync(Server, "CN=application.example.org");
        using var client = Server.HttpsClient(certificate);

        using var response = await PutPoliciesAsync(client, "permit(principal, action, resource);");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
    }

    [Fact]
    public async Task GetPolicies_WithoutCertificate_Answers401()
    {
        using var client = Server.HttpClient();

        using var response = await client.GetAsync("/authz/policies");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-required");
    }
}
