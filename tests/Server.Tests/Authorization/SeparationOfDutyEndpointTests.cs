using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Hosting;

namespace Server.Tests.Authorization;

public sealed class SeparationOfDutyEndpointTests(SeparationOfDutyFixture fixture) : IClassFixture<SeparationOfDutyFixture>
{
    private PlatformServer Server => fixture.Server;

    private async Task<string> HolderSerialAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=holder.example.org", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        return (await Server.IssueAsync(csr, "tls-client")).SerialNumber;
    }

    private static async Task<string> IssueAsync(HttpClient admin, string holder, params string[] roles)
    {
        using var response = await admin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("serialNumber").GetString()!;
    }

    [Fact]
    public async Task Issue_ConflictingRoleWithHeldCertificate_Answers409SeparationOfDuty()
    {
        var holder = await HolderSerialAsync();
        using var admin = Server.AdminClient();
        await IssueAsync(admin, holder, "approver");

        using var response = await admin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "payer" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "separation-of-duty-violated");
    }

    [Fact]
    public async Task Issue_ConflictingRolesInOneRequest_Answers409SeparationOfDuty()
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(), roles = new[] { "payer", "auditor-role" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "separation-of-duty-violated");
    }

    [Fact]
    public async Task Issue_ConflictingCertificateRevoked_Returns201()
    {
        var holder = await HolderSerialAsync();
        using var admin = Server.AdminClient();
        var serial = await IssueAsync(admin, holder, "approver");
        using (var revoke = await admin.PostAsync($"/pmi/attribute-certificates/{serial}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await IssueAsync(admin, holder, "payer");
    }

    [Fact]
    public async Task Issue_ConflictingRolesRequestedConcurrently_GrantsAtMostOne()
    {
        var holder = await HolderSerialAsync();
        using var admin = Server.AdminClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await admin.PostAsJsonAsync("/pmi/attribute-certificates",
                new { holderSerial = holder, roles = new[] { i % 2 == 0 ? "approver" : "payer" } });
            return response.StatusCode;
        }));

        var granted = answers.Count(a => a == HttpStatusCode.Created);
        Assert.True(granted >= 1, "at least the first grant goes through");
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.Created or HttpStatusCode.Conflict, a.ToString()));
        // Whatever was granted is of one side only: approver and payer are never held together.
        var grantedRoles = answers.Select((a, i) => (a, role: i % 2 == 0 ? "approver" : "payer")).Where(x => x.a == HttpStatusCode.Created).Select(x => x.role).Distinct();
        Assert.Single(grantedRoles);
    }

    [Fact]
    public async Task Issue_NonConflictingRoles_Returns201()
    {
        var holder = await HolderSerialAsync();
        using var admin = Server.AdminClient();
        await IssueAsync(admin, holder, "approver", "clerk");

        await IssueAsync(admin, holder, "viewer");
    }

    [Fact]
    public async Task Start_MalformedConstraint_RefusesToBoot()
    {
        using var data = new TestSupport.TemporaryDirectory();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await PlatformServer.StartAsync(data.Path, "--Authorization:SeparationOfDuty:0:0", "approver");
        });

        Assert.Contains("Authorization:SeparationOfDuty:0", error.ToString(), StringComparison.Ordinal);
    }
}
