using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.HolderClient;

namespace Server.Tests.Authorization;

/// <summary>Officers read what they audit (certificates, policies, their history, attribute certificates, delegations), and write nothing.</summary>
public sealed class OfficerReadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Auditor_ReadsCertificatesPoliciesHistoryAttributeCertificatesAndDelegations()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.ResetAsync(admin, "entity Certificate; entity Case; action view appliesTo { principal: Certificate, resource: Case };",
            "@id(\"read\") permit(principal, action, resource);");
        var holder = await HolderSerialAsync(Server);
        var attribute = await GrantAsync(admin, holder, "officer-read");
        using var delegateCertificate = await AuthzClient.ClientCertificateAsync(Server, "CN=officer-read-lead.example.org");
        string delegation;
        using (var made = await admin.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(delegateCertificate), roles = new[] { "officer-read" }, maxDepth = 0 }))
        {
            using var body = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
            delegation = body.RootElement.GetProperty("id").GetString()!;
        }

        using var auditor = Server.HttpsClient(await AuditorCertificates.IssueAsync(Server));

        await OkAsync(auditor, $"/pki/certificates/{holder}");
        await OkAsync(auditor, "/pki/certificates?status=valid&limit=5");
        Assert.Contains("@id(\"read\")", await OkAsync(auditor, "/authz/policies"), StringComparison.Ordinal);
        Assert.Contains("entity Case", await OkAsync(auditor, "/authz/schema"), StringComparison.Ordinal);
        using (var history = JsonDocument.Parse(await OkAsync(auditor, "/authz/history?kind=policies&limit=2")))
        {
            var newest = history.RootElement.GetProperty("items")[0];
            Assert.Equal("policies", newest.GetProperty("kind").GetString());
            Assert.Contains("@id(\"read\")", await OkAsync(auditor, $"/authz/history/{newest.GetProperty("version").GetInt64()}"), StringComparison.Ordinal);
        }

        using (var one = JsonDocument.Parse(await OkAsync(auditor, $"/pmi/attribute-certificates/{attribute}")))
        {
            Assert.Equal(holder, one.RootElement.GetProperty("holderSerial").GetString());
            Assert.Equal("valid", one.RootElement.GetProperty("status").GetString());
            Assert.Equal(["officer-read"], one.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        using (var byHolder = JsonDocument.Parse(await OkAsync(auditor, $"/pmi/attribute-certificates?holder={holder}")))
        {
            Assert.Equal(attribute, Assert.Single(byHolder.RootElement.GetProperty("items").EnumerateArray()).GetProperty("serialNumber").GetString());
        }

        using (var byDelegate = JsonDocument.Parse(await OkAsync(auditor, $"/pmi/delegations?delegate={Serial(delegateCertificate)}")))
        {
            Assert.Equal(delegation, Assert.Single(byDelegate.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        }

        using var read = JsonDocument.Parse(await OkAsync(auditor, $"/pmi/delegations/{delegation}"));
        Assert.Equal(["officer-read"], read.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Auditor_CannotWrite()
    {
        using var auditor = Server.HttpsClient(await AuditorCertificates.IssueAsync(Server));
        var holder = await HolderSerialAsync(Server);

        using var policies = await AuthzClient.PutPoliciesAsync(auditor, "permit(principal, action, resource);");
        using var schema = await AuthzClient.PutSchemaAsync(auditor, "entity Case;");
        using var issue = await auditor.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = "tls-client" });
        using var revoke = await auditor.PostAsJsonAsync($"/pki/certificates/{holder}/revoke", new { reason = "keyCompromise" });
        using var grant = await auditor.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "clerk" } });
        using var revokeAttribute = await auditor.PostAsync("/pmi/attribute-certificates/abcdef/revoke", null);
        using var delegate_ = await auditor.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = holder, roles = new[] { "clerk" } });
        using var revokeDelegation = await auditor.PostAsync("/pmi/delegations/abcdef/revoke", null);

        foreach (var response in new[] { policies, schema, issue, revoke, grant, revokeAttribute, delegate_, revokeDelegation })
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Listing_BadQuery_Answers400WithCode()
    {
        using var admin = Server.AdminClient();

        using var holder = await admin.GetAsync("/pmi/attribute-certificates?holder=not-hex");
        using var status = await admin.GetAsync("/pmi/delegations?status=sleeping");
        using var limit = await admin.GetAsync("/pmi/attribute-certificates?limit=100000");
        using var kind = await admin.GetAsync("/authz/history?kind=rules");
        using var unknown = await admin.GetAsync("/pmi/attribute-certificates/abcdef");

        await ProblemAssert.IsProblemAsync(holder, HttpStatusCode.BadRequest, "serial-invalid");
        await ProblemAssert.IsProblemAsync(status, HttpStatusCode.BadRequest, "status-invalid");
        await ProblemAssert.IsProblemAsync(limit, HttpStatusCode.BadRequest, "limit-invalid");
        await ProblemAssert.IsProblemAsync(kind, HttpStatusCode.BadRequest, "kind-invalid");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "attribute-certificate-unknown");
    }

    [Fact]
    public async Task Listing_Pages_WalkEveryCertificateOnce()
    {
        using var admin = Server.AdminClient();
        var holder = await HolderSerialAsync(Server);
        var granted = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            granted.Add(await GrantAsync(admin, holder, $"pager-{i}"));
        }

        var seen = new List<string>();
        string? after = null;
        do
        {
            using var page = JsonDocument.Parse(await OkAsync(admin, $"/pmi/attribute-certificates?holder={holder}&limit=2" + (after is null ? "" : "&after=" + after)));
            seen.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("serialNumber").GetString()!));
            after = page.RootElement.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(granted.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Revoke_AttributeCertificateTwice_Answers409AlreadyRevoked()
    {
        using var admin = Server.AdminClient();
        var attribute = await GrantAsync(admin, await HolderSerialAsync(Server), "twice");
        (await admin.PostAsync($"/pmi/attribute-certificates/{attribute}/revoke", null)).Dispose();

        using var again = await admin.PostAsync($"/pmi/attribute-certificates/{attribute}/revoke", null);

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "attribute-certificate-already-revoked");
        using var read = JsonDocument.Parse(await OkAsync(admin, $"/pmi/attribute-certificates/{attribute}"));
        Assert.Equal("revoked", read.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Revoke_DelegationTwice_Answers409AlreadyRevoked()
    {
        using var admin = Server.AdminClient();
        using var delegateCertificate = await AuthzClient.ClientCertificateAsync(Server, "CN=twice-lead.example.org");
        using var made = await admin.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(delegateCertificate), roles = new[] { "twice" }, maxDepth = 0 });
        using var body = JsonDocument.Parse(await made.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString()!;
        (await admin.PostAsync($"/pmi/delegations/{id}/revoke", null)).Dispose();

        using var again = await admin.PostAsync($"/pmi/delegations/{id}/revoke", null);

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "delegation-already-revoked");
    }

    private static async Task<string> OkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
