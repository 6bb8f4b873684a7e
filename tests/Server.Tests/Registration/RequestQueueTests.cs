using System.Net;
using System.Text.Json;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Registration;

/// <summary>
/// What the request queue shows before anyone tries: whether the reader submitted a request or
/// approved it already (separation of duty), and the department's issued certificates in the repository.
/// </summary>
public sealed class RequestQueueTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Request_SaysToEachReader_WhetherTheySubmittedOrApprovedIt()
    {
        var department = await DepartmentAsync(Server);
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        using var colleague = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var id = await SubmittedAsync(officer, department, "seal", TestCsrs.Ecdsa("CN=Finance Bureau seal,O=City Finance"));

        var asSubmitter = await RequestAsync(officer, id);
        var asColleague = await RequestAsync(colleague, id);
        (await ApproveAsync(colleague, id, "first of two")).EnsureSuccessStatusCode();
        var afterApproval = await RequestAsync(colleague, id);

        Assert.True(asSubmitter.GetProperty("submittedByCaller").GetBoolean());
        Assert.False(asColleague.GetProperty("submittedByCaller").GetBoolean());
        Assert.False(asColleague.GetProperty("approvedByCaller").GetBoolean());
        Assert.True(afterApproval.GetProperty("approvedByCaller").GetBoolean());
        using var listed = JsonDocument.Parse(await officer.GetStringAsync($"/pki/requests?department={department}"));
        Assert.True(Assert.Single(listed.RootElement.GetProperty("items").EnumerateArray()).GetProperty("submittedByCaller").GetBoolean());
    }

    [Fact]
    public async Task CertificateSearch_ByDepartment_FindsWhatItsRequestsIssued()
    {
        var department = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var id = await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Zhou,O=City Finance"));
        (await ApproveAsync(officer, id)).EnsureSuccessStatusCode();
        var serial = (await RequestAsync(clerk, id)).GetProperty("serialNumber").GetString();
        await Server.IssueAsync(TestCsrs.Ecdsa("CN=elsewhere.example.org", null, "elsewhere.example.org"), "tls-server");

        using var admin = Server.AdminClient();
        using var page = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates?department={department}"));

        var found = Assert.Single(page.RootElement.GetProperty("certificates").EnumerateArray());
        Assert.Equal(serial, found.GetProperty("serialNumber").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/pki/certificates?department={department}&status=valid")).StatusCode);
    }
}
