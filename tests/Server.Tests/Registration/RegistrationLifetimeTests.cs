using System.Net;
using System.Text.Json;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Registration;

/// <summary>A request outlives a restart of the platform, and not its own lifetime.</summary>
public sealed class RegistrationLifetimeTests
{
    [Fact]
    public async Task PendingRequest_SurvivesARestart_AndIsApprovedAfterIt()
    {
        using var data = new TemporaryDirectory();
        string id;
        System.Security.Cryptography.X509Certificates.X509Certificate2 clerkCertificate, officerCertificate;
        await using (var first = await PlatformServer.StartAsync(data.Path, SealProfile))
        {

            var department = await DepartmentAsync(first);
            clerkCertificate = await PersonAsync(first, department);
            officerCertificate = await PersonAsync(first, department, "registration-officer");
            using var clerk = first.HttpsClient(clerkCertificate);
            id = await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Zhou,O=City Finance"));
        }

        await using var second = await PlatformServer.StartAsync(data.Path, SealProfile);
        using var officer = second.HttpsClient(officerCertificate);
        using var clerkAgain = second.HttpsClient(clerkCertificate);

        var afterRestart = await RequestAsync(clerkAgain, id);
        using var approved = await ApproveAsync(officer, id);

        Assert.Equal("pending", afterRestart.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("issued", (await RequestAsync(clerkAgain, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RequestNotDecidedInItsLifetime_Expires_CannotBeApproved_AndNoLongerCountsAgainstTheQuota()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path, [.. SealProfile, "--Pki:Registration:RequestLifetime", "00:00:02"]);

        var department = await DepartmentAsync(server, maxCertificates: 1);
        using var clerk = server.HttpsClient(await PersonAsync(server, department));
        using var officer = server.HttpsClient(await PersonAsync(server, department, "registration-officer"));
        var id = await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Wu,O=City Finance"));

        await Eventually.EqualAsync("expired", async () => (await RequestAsync(clerk, id)).GetProperty("status").GetString());
        using var late = await ApproveAsync(officer, id);
        using var expiredList = JsonDocument.Parse(await officer.GetStringAsync("/pki/requests?status=expired"));
        using var pendingList = JsonDocument.Parse(await officer.GetStringAsync("/pki/requests?status=pending"));

        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "certificate-request-closed");
        Assert.Equal(id, Assert.Single(expiredList.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(pendingList.RootElement.GetProperty("items").EnumerateArray());
        await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Wu,O=City Finance"));
    }
}
