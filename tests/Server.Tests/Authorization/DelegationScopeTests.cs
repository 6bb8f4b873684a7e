using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.HolderClient;

namespace Server.Tests.Authorization;

/// <summary>A delegation bounds roles, departments and clearance; grants and sub-delegations beyond any of them are refused.</summary>
public sealed class DelegationScopeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Issue_DelegateAllowedRolesOnly_CannotGrantClearanceOrDepartment()
    {
        using var admin = Server.AdminClient();
        using var lead = await AuthzClient.ClientCertificateAsync(Server, "CN=scope-roles-only.example.org");
        await DelegateAsync(admin, new { delegateSerial = Serial(lead), roles = new[] { "clerk" }, maxDepth = 0 });
        using var sub = Server.HttpsClient(lead);
        var self = Serial(lead);

        using var clearance = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = self, roles = new[] { "clerk" }, clearance = "topSecret" });
        using var department = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = self, roles = new[] { "clerk" }, department = "finance" });
        using var plain = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = self, roles = new[] { "clerk" } });

        await AssertExceededAsync(clearance, "clearance");
        await AssertExceededAsync(department, "departments");
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
    }

    [Fact]
    public async Task Issue_WithinEveryBound_IsGrantedAndBeyondAnyIsRefused()
    {
        using var admin = Server.AdminClient();
        using var lead = await AuthzClient.ClientCertificateAsync(Server, "CN=scope-bounded.example.org");
        await DelegateAsync(admin, new { delegateSerial = Serial(lead), roles = new[] { "tax-clerk" }, departments = new[] { "tax" }, maxClearance = "confidential", maxDepth = 0 });
        using var sub = Server.HttpsClient(lead);
        var holder = await HolderSerialAsync(Server);

        using var within = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "tax-clerk" }, department = "tax", clearance = "restricted" });
        using var tooHigh = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "tax-clerk" }, department = "tax", clearance = "secret" });
        using var otherDepartment = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "tax-clerk" }, department = "health" });
        using var otherRole = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "tax-boss" }, department = "tax" });

        Assert.True(within.StatusCode == HttpStatusCode.Created, await within.Content.ReadAsStringAsync());
        await AssertExceededAsync(tooHigh, "clearance");
        await AssertExceededAsync(otherDepartment, "departments");
        await AssertExceededAsync(otherRole, "roles");
    }

    [Fact]
    public async Task Delegate_SubDelegation_MustBeNarrowerInAllThree()
    {
        using var admin = Server.AdminClient();
        using var lead = await AuthzClient.ClientCertificateAsync(Server, "CN=scope-lead.example.org");
        using var deputy = await AuthzClient.ClientCertificateAsync(Server, "CN=scope-deputy.example.org");
        await DelegateAsync(admin, new { delegateSerial = Serial(lead), roles = new[] { "hr-clerk", "hr-viewer" }, departments = new[] { "hr", "payroll" }, maxClearance = "secret", maxDepth = 1 });
        using var sub = Server.HttpsClient(lead);

        using var widerClearance = await sub.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(deputy), roles = new[] { "hr-clerk" }, departments = new[] { "hr" }, maxClearance = "topSecret" });
        using var widerDepartments = await sub.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(deputy), roles = new[] { "hr-clerk" }, departments = new[] { "hr", "legal" } });
        using var narrower = await sub.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(deputy), roles = new[] { "hr-clerk" }, departments = new[] { "hr" }, maxClearance = "restricted" });

        await AssertExceededAsync(widerClearance, "clearance");
        await AssertExceededAsync(widerDepartments, "departments");
        Assert.True(narrower.StatusCode == HttpStatusCode.Created, await narrower.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await narrower.Content.ReadAsStringAsync());
        Assert.Equal("restricted", body.RootElement.GetProperty("maxClearance").GetString());
        Assert.Equal(["hr"], body.RootElement.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [InlineData("{\"delegateSerial\": \"abc123\", \"roles\": [\"clerk\"], \"maxClearance\": \"cosmic\"}", "clearance-invalid")]
    [InlineData("{\"delegateSerial\": \"abc123\", \"roles\": [\"clerk\"], \"departments\": [\"a b\"]}", "departments-invalid")]
    public async Task Delegate_BadBound_Answers400WithCode(string json, string code)
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/pmi/delegations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    private static async Task DelegateAsync(HttpClient grantor, object request)
    {
        using var response = await grantor.PostAsJsonAsync("/pmi/delegations", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertExceededAsync(HttpResponseMessage response, string bound)
    {
        var body = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "delegation-scope-exceeded");
        using var json = JsonDocument.Parse(body);
        Assert.Contains(bound, json.RootElement.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }
}
