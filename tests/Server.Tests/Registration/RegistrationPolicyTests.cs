using System.Net;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Registration;

/// <summary>
/// The registration policy is the platform's own Cedar policy, shipped as the first version of the
/// policy set and edited like any other: an administrator's version replaces it for good.
/// </summary>
public sealed class RegistrationPolicyTests
{
    [Fact]
    public async Task FreshPlatform_StartsWithTheShippedPolicy_AsVersionOne_ByTheSystem()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path);
        using var admin = server.AdminClient();

        var policies = await admin.GetStringAsync("/authz/policies");
        using var history = JsonDocument.Parse(await admin.GetStringAsync("/authz/history?kind=policies"));
        var events = await AuditEvents.ListAsync(admin, "?module=pmi.authorization&action=policies.update");

        Assert.Contains("@id(\"registration-department-members-request\")", policies, StringComparison.Ordinal);
        Assert.Contains("@id(\"registration-officers-review\")", policies, StringComparison.Ordinal);
        var version = Assert.Single(history.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(1, version.GetProperty("version").GetInt64());
        var recorded = Assert.Single(events);
        Assert.Equal("system", recorded.GetProperty("actor").GetProperty("user").GetString());
        Assert.Equal("success", recorded.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task AdministratorsVersion_ReplacesTheShippedPolicy_AndARestartDoesNotBringItBack()
    {
        using var data = new TemporaryDirectory();
        System.Security.Cryptography.X509Certificates.X509Certificate2 clerkCertificate;
        string department;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            department = await DepartmentAsync(first, profiles: ["document-signing"]);
            clerkCertificate = await PersonAsync(first, department);
            using var clerk = first.HttpsClient(clerkCertificate);
            await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Lin,O=City Finance"));
            using var admin = first.AdminClient();
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, ""));
            using var refused = await SubmitAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Lin,O=City Finance"));
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "registration-denied");
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        using var again = second.HttpsClient(clerkCertificate);
        using var afterRestart = await SubmitAsync(again, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Lin,O=City Finance"));
        using var secondAdmin = second.AdminClient();

        await ProblemAssert.IsProblemAsync(afterRestart, HttpStatusCode.Forbidden, "registration-denied");
        Assert.Equal("", await secondAdmin.GetStringAsync("/authz/policies"));
    }
}
