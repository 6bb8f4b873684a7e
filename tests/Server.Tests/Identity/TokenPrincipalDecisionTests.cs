using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.AuthzClient;

namespace Server.Tests.Identity;

/// <summary>The decision point takes the principal from a validated access token of the platform's identity provider.</summary>
public sealed class TokenPrincipalDecisionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Policies = """
        @id("approvers-by-certificate") permit(principal in Role::"approver", action == Action::"approve", resource)
            when { principal in Department::"civil-affairs" && principal.authenticationMethods.contains("certificate") && principal.clientId like "portal-*" };
        @id("applications-read") permit(principal is Application, action == Action::"read", resource) when { principal.scopes.contains("api") };
        """;

    private const string Secret = "decision-test-secret-0123456789";

    private PlatformServer Server => fixture.Server;

    private static string Request(string token, string action, string extra = "") =>
        $$"""{"token": "{{token}}", "action": {"type": "Action", "id": "{{action}}"}, "resource": {"type": "Approval", "id": "a-17"}{{extra}}}""";

    private async Task<HttpClient> PreparedAdminAsync()
    {
        var admin = Server.AdminClient();
        await EnsureAsync(await PutPoliciesAsync(admin, Policies));
        return admin;
    }

    [Fact]
    public async Task PersonsToken_IsThePrincipal_WithRolesDepartmentAndHowTheySignedIn()
    {
        using var admin = await PreparedAdminAsync();
        var (approver, _, _) = await PersonTokens.AccessTokenAsync(Server, ["approver"], ["https://approvals.city.example"]);
        var (clerk, _, _) = await PersonTokens.AccessTokenAsync(Server, ["clerk"], ["https://approvals.city.example"]);

        var allowed = await DecideAsync(admin, Request(approver, "approve"));
        var otherAction = await DecideAsync(admin, Request(approver, "delete"));
        var otherRole = await DecideAsync(admin, Request(clerk, "approve"));

        Assert.Equal("allow", allowed.GetProperty("decision").GetString());
        Assert.Equal(["approvers-by-certificate"], allowed.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("deny", otherAction.GetProperty("decision").GetString());
        Assert.Equal("deny", otherRole.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task ApplicationsOwnToken_IsAnApplicationPrincipal_WithItsScopes()
    {
        using var admin = await PreparedAdminAsync();
        var clientId = await TestClients.RegisterAsync(Server, Secret);
        using var https = Server.HttpsClient();
        var token = await ClientCredentialsTokenAsync(https, clientId);

        var read = await DecideAsync(admin, Request(token, "read"));
        var approve = await DecideAsync(admin, Request(token, "approve"));

        Assert.Equal("allow", read.GetProperty("decision").GetString());
        Assert.Equal(["applications-read"], read.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("deny", approve.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Batch_EachRequestsToken_IsItsPrincipal()
    {
        using var admin = await PreparedAdminAsync();
        var (approver, _, _) = await PersonTokens.AccessTokenAsync(Server, ["approver"], ["https://approvals.city.example"]);

        using var response = await IsAuthorizedAsync(admin, $$"""{"requests": [{{Request(approver, "approve")}}, {{Request(approver, "delete")}}]}""", "/authz/is-authorized/batch");

        await EnsureAsync(response);
        var decisions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("responses").EnumerateArray()
            .Select(r => r.GetProperty("decision").GetString());
        Assert.Equal(["allow", "deny"], decisions);
    }

    [Fact]
    public async Task TokenAndPrincipal_OrSuppliedTokenEntity_Refused()
    {
        using var admin = await PreparedAdminAsync();
        var (approver, login, _) = await PersonTokens.AccessTokenAsync(Server, ["approver"], ["https://approvals.city.example"]);

        var both = Request(approver, "approve", """, "principal": {"type": "Person", "id": "someone"}""");
        var forged = Request(approver, "approve", $$""", "entities": [{"uid": {"type": "Person", "id": "{{login}}"}, "attrs": {}, "parents": [{"type": "Role", "id": "administrator"}]}]""");

        await ProblemAssert.IsProblemAsync(await IsAuthorizedAsync(admin, both), HttpStatusCode.BadRequest, "request-invalid");
        await ProblemAssert.IsProblemAsync(await IsAuthorizedAsync(admin, forged), HttpStatusCode.BadRequest, "entities-invalid");
        await ProblemAssert.IsProblemAsync(await IsAuthorizedAsync(admin, """{"token": 7, "action": {"type": "Action", "id": "read"}, "resource": {"type": "A", "id": "b"}}"""),
            HttpStatusCode.BadRequest, "request-invalid");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4IiwiYXVkIjoic2VjdXJpdHlwbGF0Zm9ybSJ9.")]
    public async Task MalformedOrUnsignedToken_PrincipalTokenInvalid(string token)
    {
        using var admin = await PreparedAdminAsync();

        await ProblemAssert.IsProblemAsync(await IsAuthorizedAsync(admin, Request(token, "read")), HttpStatusCode.BadRequest, "principal-token-invalid");
    }

    [Fact]
    public async Task RevokedToken_PrincipalTokenInvalid()
    {
        using var admin = await PreparedAdminAsync();
        var (approver, _, clientId) = await PersonTokens.AccessTokenAsync(Server, ["approver"], ["https://approvals.city.example"]);
        using var https = Server.HttpsClient();
        (await https.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = approver, ["client_id"] = clientId })))
            .EnsureSuccessStatusCode();

        using var refused = await IsAuthorizedAsync(admin, Request(approver, "approve"));

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "principal-token-invalid");
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> DecideAsync(HttpClient client, string request)
    {
        using var response = await IsAuthorizedAsync(client, request);
        await EnsureAsync(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> ClientCredentialsTokenAsync(HttpClient https, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", TestClients.ApiScope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + Secret)));
        using var response = await https.SendAsync(request);
        await EnsureAsync(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }
}
