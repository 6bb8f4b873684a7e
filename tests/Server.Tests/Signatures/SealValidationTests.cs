using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;
using Server.Tests.Registration;
using Server.Tests.Signatures.Sealing;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures;

/// <summary>
/// The platform's own signatures through its own validation, end to end: each level a seal makes is
/// recognised and passes, and revoking the seal's certificate afterwards leaves a time-stamped
/// signature valid while one without a time-stamp loses its proof.
/// </summary>
public sealed class SealValidationTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private static readonly byte[] Document = "Land-use approval 2026-3310 of the Planning Bureau."u8.ToArray();

    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("B-B", false)]
    [InlineData("B-T", true)]
    [InlineData("B-LT", false)]
    [InlineData("B-LTA", false)]
    [InlineData("B-LTA", true)]
    public async Task Verify_SealSignatureOfEachLevel_PassesAtThatLevel(string level, bool detached)
    {
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(Server, department);
        using var user = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));
        var signature = SealClient.Signature(await SealClient.JsonAsync(await SealClient.SignAsync(user, Document, department, level, detached), HttpStatusCode.OK));

        var report = await VerifyAsync(user, signature, detached ? Document : null);

        Assert.True(report.GetProperty("indication").GetString() == "TOTAL-PASSED", report.ToString());
        Assert.Equal(level, report.GetProperty("level").GetString());
        if (level != "B-B")
        {
            Assert.True(report.GetProperty("timestamp").GetProperty("valid").GetBoolean());
        }

        if (level == "B-LTA")
        {
            Assert.True(report.GetProperty("archiveTimestamp").GetProperty("valid").GetBoolean());
        }
    }

    [Fact]
    public async Task Verify_AfterTheSealCertificateIsRevoked_TimeStampedSignaturePasses_UnstampedHasNoProof()
    {
        var department = SealClient.NewDepartment();
        var seal = await SealClient.CreateSealAsync(Server, department);
        using var user = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));
        var stamped = SealClient.Signature(await SealClient.JsonAsync(await SealClient.SignAsync(user, Document, department, "B-T"), HttpStatusCode.OK));
        var unstamped = SealClient.Signature(await SealClient.JsonAsync(await SealClient.SignAsync(user, Document, department, "B-B"), HttpStatusCode.OK));
        // OCSP and CRLs state revocation times in whole seconds: the revocation must fall in a later second than the time-stamp.
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        using (var admin = Server.AdminClient())
        {
            var serial = seal.GetProperty("serialNumber").GetString();
            (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
        }

        var afterStamp = await VerifyAsync(user, stamped, null);
        var withoutStamp = await VerifyAsync(user, unstamped, null);

        Assert.True(afterStamp.GetProperty("indication").GetString() == "TOTAL-PASSED", afterStamp.ToString());
        Assert.Equal("INDETERMINATE", withoutStamp.GetProperty("indication").GetString());
        Assert.Equal("REVOKED_NO_POE", withoutStamp.GetProperty("subIndication").GetString());
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client, byte[] signature, byte[]? content)
    {
        using var response = await client.PostAsJsonAsync("/signatures/verify", new
        {
            signature = Convert.ToBase64String(signature),
            content = content is null ? null : Convert.ToBase64String(content),
        });
        return await SealClient.JsonAsync(response, HttpStatusCode.OK);
    }
}
