using System.Net;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>A seal user's permission is reused between documents only while nothing it rests on changes.</summary>
public sealed class SealDecisionReuseTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    [Fact]
    public async Task Sign_AfterThePolicyNoLongerAllows_IsDenied()
    {
        var server = fixture.Server;
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(server, department);
        using var user = server.HttpsClient(await PersonAsync(server, department, "seal-user"));
        Assert.Equal(HttpStatusCode.OK, (await SealClient.SignAsync(user, [1], department)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SealClient.SignAsync(user, [2], department)).StatusCode);

        using var admin = server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, ""));

        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(user, [3], department), HttpStatusCode.Forbidden, "seal-use-denied");
    }
}
