using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Hosting;

namespace Server.Tests.Authorization;

public sealed class DelegationEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    private async Task<string> HolderSerialAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=holder.example.org", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        return (await Server.IssueAsync(csr, "tls-client")).SerialNumber;
    }

    private static string Serial(X509Certificate2 certificate) => certificate.SerialNumber.ToLowerInvariant().TrimStart('0');

    private static async Task<string> DelegateAsync(HttpClient grantor, X509Certificate2 to, string[] roles, int maxDepth)
    {
        using var response = await grantor.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(to), roles, maxDepth, validDays = 5 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Issue_DelegateWithinScope_Returns201()
    {
        using var delegateCertificate = await AuthzClient.ClientCertificateAsync(Server, "CN=tax-lead.example.org");
        using var admin = Server.AdminClient();
        await DelegateAsync(admin, delegateCertificate, ["tax-clerk", "tax-viewer"], 0);
        using var sub = Server.HttpsClient(delegateCertificate);

        using var response = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(), roles = new[] { "tax-clerk" } });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Issue_RoleOutsideDelegation_Answers403ScopeExceeded()
    {
        using var delegateCertificate = await AuthzClient.ClientCertificateAsync(Server, "CN=hr-lead.example.org");
        using var admin = Server.AdminClient();
        await DelegateAsync(admin, delegateCertificate, ["hr-clerk"], 0);
        using var sub = Server.HttpsClient(delegateCertificate);

        using var response = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(), roles = new[] { "hr-clerk", "payroll-admin" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "delegation-scope-exceeded");
    }

    [Fact]
    public async Task Issue_RoleOutsideDelegation_IsAuditedAsFailureWithGrantor()
    {
        using var delegateCertificate = await AuthzClient.ClientCertificateAsync(Server, "CN=audit-lead.example.org");
        using var admin = Server.AdminClient();
        await DelegateAsync(admin, delegateCertificate, ["audit-clerk"], 0);
        using var sub = Server.HttpsClient(delegateCertificate);
        using (var refused = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(), roles = new[] { "audit-boss" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var response = await admin.GetAsync("/audit/events?module=pmi.authorization&action=attribute-certificate.issue&outcome=failure&limit=1000");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        Assert.Contains(document.RootElement.GetProperty("events").EnumerateArray(), e =>
            e.GetProperty("details").GetProperty("code").GetString() == "delegation-scope-exceeded"
            && e.GetProperty("details").GetProperty("grantor").GetString() == Serial(delegateCertificate));
    }

    [Fact]
    public async Task Delegate_RoleOutsideDelegation_Answers403ScopeExceeded()
    {
        using var first = await AuthzClient.ClientCertificateAsync(Server, "CN=ops-lead.example.org");
        using var second = await AuthzClient.ClientCertificateAsync(Server, "CN=ops-deputy.example.org");
        using var admin = Server.AdminClient();
        await DelegateAsync(admin, first, ["ops-clerk"], 2);
        using var sub = Server.HttpsClient(first);

        using var response = await sub.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(second), roles = new[] { "ops-admin" }, maxDepth = 0 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "delegation-scope-exceeded");
    }

    [Fact]
    public async Task Delegate_BeyondDepthLimit_Answers403DepthExceeded()
    {
        using var first = await AuthzClient.ClientCertificateAsync(Server, "CN=it-lead.example.org");
        using var second = await AuthzClient.ClientCertificateAsync(Server, "CN=it-deputy.example.org");
        using var third = await AuthzClient.ClientCertificateAsync(Server, "CN=it-junior.example.org");
        using var admin = Server.AdminClient();
        await DelegateAsync(admin, first, ["it-clerk"], 1);
        using var firstClient = Server.HttpsClient(first);
        using var secondClient = Server.HttpsClient(second);

        using var tooDeep = await firstClient.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(second), roles = new[] { "it-clerk" }, maxDepth = 1 });
        await DelegateAsync(firstClient, second, ["it-clerk"], 0);
        using var beyond = await secondClient.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(third), roles = new[] { "it-clerk" }, maxDepth = 0 });
        using var grant = await secondClient.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(), roles = new[] { "it-clerk" } });

        await ProblemAssert.IsProblemAsync(tooDeep, HttpStatusCode.Forbidden, "delegation-depth-exceeded");
        await ProblemAssert.IsProblemAsync(beyond, HttpStatusCode.Forbidden, "delegation-depth-exceeded");
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
    }

    [Fact]
    public async Task Issue_DelegationRevoked_IsRefusedDownTheChain()
    {
        using var first = await AuthzClient.ClientCertificateAsync(Server, "CN=legal-lead.example.org");
        using var second = await AuthzClient.ClientCertificateAsync(Server, "CN=legal-deputy.example.org");
        using var admin = Server.AdminClient();
        var id = await DelegateAsync(admin, first, ["legal-clerk"], 1);
        using var firstClient = Server.HttpsClient(first);
        using var secondClient = Server.HttpsClient(second);
        await DelegateAsync(firstClient, second, ["legal-clerk"], 0);

        using var revoke = await admin.PostAsync($"/pmi/delegations/{id}/revoke", null);
        using var byFirst = await firstClient.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(), roles = new[] { "legal-clerk" } });
        using var bySecond = await secondClient.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(), roles = new[] { "legal-clerk" } });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await ProblemAssert.IsProblemAsync(byFirst, HttpStatusCode.Forbidden, "role-required");
        await ProblemAssert.IsProblemAsync(bySecond, HttpStatusCode.Forbidden, "role-required");
    }

    [Fact]
    public async Task Delegate_NoDelegation_Answers403RoleRequired()
    {
        using var certificate = await AuthzClient.ClientCertificateAsync(Server, "CN=nobody.example.org");
        using var client = Server.HttpsClient(certificate);

        using var response = await client.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(certificate), roles = new[] { "clerk" }, maxDepth = 0 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
    }

    [Theory]
    [InlineData("{\"delegateSerial\": \"not-hex\", \"roles\": [\"clerk\"]}", "delegate-invalid")]
    [InlineData("{\"delegateSerial\": \"abc123\", \"roles\": [\"clerk\"]}", "delegate-unknown")]
    [InlineData("{\"delegateSerial\": \"abc123\", \"roles\": []}", "roles-invalid")]
    [InlineData("{\"delegateSerial\": \"abc123\", \"roles\": [\"clerk\"], \"maxDepth\": 99}", "depth-invalid")]
    [InlineData("{\"delegateSerial\": \"abc123\", \"roles\": [\"clerk\"], \"validDays\": 0}", "validity-invalid")]
    public async Task Delegate_BadRequest_Answers400WithCode(string json, string code)
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/pmi/delegations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Restart_Delegation_StillAllowsGrants()
    {
        using var data = new TestSupport.TemporaryDirectory();
        X509Certificate2 delegateCertificate;
        string holder;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            delegateCertificate = await AuthzClient.ClientCertificateAsync(first, "CN=durable-lead.example.org");
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            holder = (await first.IssueAsync(new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequestPem(), "tls-client")).SerialNumber;
            using var admin = first.AdminClient();
            await DelegateAsync(admin, delegateCertificate, ["durable-clerk"], 0);
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        using (delegateCertificate)
        {
            using var sub = second.HttpsClient(delegateCertificate);
            using var response = await sub.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "durable-clerk" } });

            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Revoke_UnknownDelegation_Answers404()
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/pmi/delegations/abcdef/revoke", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "delegation-unknown");
    }
}
