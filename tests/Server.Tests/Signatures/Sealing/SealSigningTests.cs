using System.Net;
using System.Text;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>
/// Sealing with a department's seal: its seal users sign at every CAdES level and OpenSSL verifies the
/// result; anyone else is refused, and every use, allowed or refused, is one audit event.
/// </summary>
public sealed class SealSigningTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("B-B", false)]
    [InlineData("B-B", true)]
    [InlineData("B-T", false)]
    [InlineData("B-LT", true)]
    [InlineData("B-LTA", false)]
    public async Task Sign_BySealUserOfTheDepartment_IsACadesSignatureOpenSslVerifies(string level, bool detached)
    {
        var department = SealClient.NewDepartment();
        var seal = await SealClient.CreateSealAsync(Server, department);
        using var user = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));
        var content = Encoding.UTF8.GetBytes($"Building permit {Guid.NewGuid()} granted.");

        var answer = await SealClient.JsonAsync(await SealClient.SignAsync(user, content, department, level, detached), HttpStatusCode.OK);

        using var directory = new TemporaryDirectory();
        var root = await SealClient.RootFileAsync(seal, directory.Path);
        var verified = await SealClient.OpenSslVerifyAsync(SealClient.Signature(answer), root, detached ? content : null, directory.Path);
        Assert.Equal(content, verified);
        var encapsulated = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(
            new Org.BouncyCastle.Cms.CmsSignedData(SealClient.Signature(answer)).ContentInfo.Content).EncapContentInfo.Content;
        Assert.Equal(detached, encapsulated is null);
        Assert.Equal(level, answer.GetProperty("level").GetString());
        Assert.Equal(seal.GetProperty("serialNumber").GetString(), answer.GetProperty("signer").GetString());
    }

    [Fact]
    public async Task Sign_ByOthers_IsDenied_AndEveryUseIsAuditedOnceWithItsOutcome()
    {
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(Server, department);
        using var user = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department, "clerk"));
        using var outsider = Server.HttpsClient(await PersonAsync(Server, SealClient.NewDepartment(), "seal-user"));
        var content = Encoding.UTF8.GetBytes("Tax assessment 2026-44");

        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(clerk, content, department), HttpStatusCode.Forbidden, "seal-use-denied");
        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(outsider, content, department), HttpStatusCode.Forbidden, "seal-use-denied");
        Assert.Equal(HttpStatusCode.OK, (await SealClient.SignAsync(user, content, department)).StatusCode);

        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=signature.seal&target={department}&limit=100");
        Assert.Equal(3, events.Count);
        Assert.Equal(2, events.Count(e => e.GetProperty("outcome").GetString() == "denied"
            && e.GetProperty("details").GetProperty("code").GetString() == "seal-use-denied"));
        var success = Assert.Single(events, e => e.GetProperty("outcome").GetString() == "success");
        var details = success.GetProperty("details");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), details.GetProperty("contentSha256").GetString());
        Assert.Equal("B-B", details.GetProperty("level").GetString());
        Assert.Equal("false", details.GetProperty("detached").GetString());
    }
}
