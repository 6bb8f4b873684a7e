using System.Net;
using System.Text.Json;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.AuthzClient;

namespace Server.Tests.Authorization;

public sealed class DecisionEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Schema = """
        entity Department;
        entity User in [Department] { clearance: Long };
        entity Case { classification: Long };
        action view, approve appliesTo { principal: User, resource: Case, context: { mfa: Bool } };
        """;

    private const string Policies = """
        @id("tax-view") permit(principal in Department::"tax", action == Action::"view", resource)
            when { principal.clearance >= resource.classification };
        @id("approve-mfa") permit(principal in Department::"tax", action == Action::"approve", resource) when { context.mfa };
        @id("no-secret") forbid(principal, action, resource) when { resource.classification > 3 };
        """;

    private const string Entities = """
        [{"uid": {"type": "User", "id": "alice"}, "attrs": {"clearance": 2}, "parents": [{"type": "Department", "id": "tax"}]},
         {"uid": {"type": "User", "id": "bob"}, "attrs": {"clearance": 5}, "parents": []},
         {"uid": {"type": "Department", "id": "tax"}, "attrs": {}, "parents": []},
         {"uid": {"type": "Case", "id": "c1"}, "attrs": {"classification": 1}, "parents": []},
         {"uid": {"type": "Case", "id": "c9"}, "attrs": {"classification": 9}, "parents": []}]
        """;

    private PlatformServer Server => fixture.Server;

    private static string Request(string principal, string action, string resource, bool mfa = false, string? entities = Entities) =>
        $$"""{"principal": {"type": "User", "id": "{{principal}}"}, "action": {"type": "Action", "id": "{{action}}"}, "resource": {"type": "Case", "id": "{{resource}}"}, "context": {"mfa": {{(mfa ? "true" : "false")}}}{{(entities is null ? "" : ", \"entities\": " + entities)}}}""";

    private async Task<HttpClient> PreparedAdminAsync()
    {
        var admin = Server.AdminClient();
        await ResetAsync(admin, Schema, Policies);
        return admin;
    }

    [Fact]
    public async Task IsAuthorized_RequestEntitiesGiveMembership_AllowsWithReason()
    {
        using var admin = await PreparedAdminAsync();

        using var response = await IsAuthorizedAsync(admin, Request("alice", "view", "c1"));

        await EnsureAsync(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("allow", body.RootElement.GetProperty("decision").GetString());
        Assert.Equal(["tax-view"], body.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0, body.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task IsAuthorized_ForbidMatches_DeniesWithForbidAsReason()
    {
        using var admin = await PreparedAdminAsync();

        using var response = await IsAuthorizedAsync(admin, Request("alice", "view", "c9"));

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("deny", body.RootElement.GetProperty("decision").GetString());
        Assert.Equal(["no-secret"], body.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task IsAuthorized_PolicyErrors_ReportsPolicyIdAndDenies()
    {
        using var admin = await PreparedAdminAsync();

        // Without entities, alice is unknown: reading her clearance errors, which never allows.
        using var response = await IsAuthorizedAsync(admin, Request("alice", "view", "c1", entities: null));

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("deny", body.RootElement.GetProperty("decision").GetString());
        var errors = body.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("policyId").GetString() == "no-secret" && e.GetProperty("message").GetString()!.Length > 0);
    }

    [Fact]
    public async Task IsAuthorized_ApplicationCertificate_IsAnswered()
    {
        using var admin = await PreparedAdminAsync();
        using var certificate = await ClientCertificateAsync(Server, "CN=approvals.example.org");
        using var client = Server.HttpsClient(certificate);

        using var response = await IsAuthorizedAsync(client, Request("alice", "approve", "c1", mfa: true));

        await EnsureAsync(response);
        Assert.Contains("\"allow\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IsAuthorized_Anonymous_Answers401()
    {
        using var client = Server.HttpClient();

        using var response = await IsAuthorizedAsync(client, Request("alice", "view", "c1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-required");
    }

    [Fact]
    public async Task Batch_Requests_AnswersInOrder()
    {
        using var admin = await PreparedAdminAsync();
        var batch = $$"""{"requests": [{{Request("alice", "view", "c1")}}, {{Request("bob", "view", "c1")}}, {{Request("alice", "approve", "c1", mfa: true)}}, {{Request("alice", "approve", "c1")}}]}""";

        using var response = await IsAuthorizedAsync(admin, batch, "/authz/is-authorized/batch");

        await EnsureAsync(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["allow", "deny", "allow", "deny"],
            body.RootElement.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task Batch_TooMany_Answers400()
    {
        using var admin = Server.AdminClient();
        var batch = "{\"requests\": [" + string.Join(',', Enumerable.Repeat(Request("alice", "view", "c1", entities: null), 101)) + "]}";

        using var response = await IsAuthorizedAsync(admin, batch, "/authz/is-authorized/batch");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "batch-too-large");
    }

    [Fact]
    public async Task Batch_OneBadRequest_Answers400NamingItsIndex()
    {
        using var admin = await PreparedAdminAsync();
        var batch = "{\"requests\": [" + Request("alice", "view", "c1") + ", {\"principal\": {\"type\": \"User\", \"id\": \"x\"}}]}";

        using var response = await IsAuthorizedAsync(admin, batch, "/authz/is-authorized/batch");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task IsAuthorized_UnknownEntityTypeUnderSchema_Answers400()
    {
        using var admin = await PreparedAdminAsync();
        var request = Request("alice", "view", "c1", entities: """[{"uid": {"type": "Robot", "id": "r2"}, "attrs": {}, "parents": []}]""");

        using var response = await IsAuthorizedAsync(admin, request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-entities");
    }

    [Fact]
    public async Task IsAuthorized_ActionNotInSchema_Answers400()
    {
        using var admin = await PreparedAdminAsync();

        using var response = await IsAuthorizedAsync(admin, Request("alice", "delete", "c1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task IsAuthorized_RedefinesPlatformEntity_Answers400()
    {
        using var admin = await PreparedAdminAsync();
        var request = Request("alice", "view", "c1", entities: """[{"uid": {"type": "Action", "id": "view"}, "attrs": {}, "parents": [{"type": "Action", "id": "approve"}]}]""");

        using var response = await IsAuthorizedAsync(admin, request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-entities");
    }

    [Fact]
    public async Task IsAuthorized_DeeplyNestedContext_Answers400()
    {
        using var admin = await PreparedAdminAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var request = """{"principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}, "context": """ + nested + "}";

        using var response = await IsAuthorizedAsync(admin, request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "json-invalid");
    }

    [Fact]
    public async Task IsAuthorized_NotJson_Answers400()
    {
        using var admin = Server.AdminClient();

        using var response = await IsAuthorizedAsync(admin, "{\"principal\": ");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "json-invalid");
    }

    [Fact]
    public async Task IsAuthorized_WrongShapes_Answer400()
    {
        using var admin = await PreparedAdminAsync();
        string[] bodies =
        [
            "[]",
            "{\"principal\": 5, \"action\": {\"type\": \"Action\", \"id\": \"view\"}, \"resource\": {\"type\": \"Case\", \"id\": \"c1\"}}",
            Request("alice", "view", "c1", entities: "{}"),
            Request("alice", "view", "c1", entities: "[5]"),
            Request("alice", "view", "c1", entities: """[{"uid": {"type": "User", "id": "alice"}, "attrs": {"clearance": "high"}}]"""),
        ];

        foreach (var body in bodies)
        {
            using var response = await IsAuthorizedAsync(admin, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", ContentType(response)?.MediaType);
        }
    }
}
