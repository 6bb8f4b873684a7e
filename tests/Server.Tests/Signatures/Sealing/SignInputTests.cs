using System.Net;
using System.Net.Http.Json;
using System.Text;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>Bad signing requests are problem details with a catalogued code, never a server error.</summary>
public sealed class SignInputTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Sign_BadInput_IsAProblemWithItsCode()
    {
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(Server, department);
        using var user = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));

        await ProblemAssert.IsProblemAsync(await Post(user, new { content = "%%%not base64", seal = department, level = "B-B" }),
            HttpStatusCode.BadRequest, "signature-content-invalid");
        await ProblemAssert.IsProblemAsync(await Post(user, new { seal = department, level = "B-B" }), HttpStatusCode.BadRequest, "signature-content-invalid");
        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(user, [1], department, "B-Q"), HttpStatusCode.BadRequest, "signature-level-invalid");
        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(user, [1], department, "b-b"), HttpStatusCode.BadRequest, "signature-level-invalid");
        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(user, [1], SealClient.NewDepartment()), HttpStatusCode.NotFound, "seal-unknown");
        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(user, [1], "../etc"), HttpStatusCode.NotFound, "seal-unknown");
        await ProblemAssert.IsProblemAsync(await Post(user, new { content = "AQID", level = "B-B" }), HttpStatusCode.BadRequest, "signature-request-invalid");
        await ProblemAssert.IsProblemAsync(await Post(user, new { content = "AQID", level = "B-B", seal = department, signatureValue = "AQID" }),
            HttpStatusCode.BadRequest, "signature-request-invalid");
        await ProblemAssert.IsProblemAsync(await Post(user, new { content = "AQID", level = "B-B", seal = department, detached = "yes" }),
            HttpStatusCode.BadRequest, "body-invalid");
        await ProblemAssert.IsProblemAsync(await user.PostAsync("/signatures/sign", new StringContent("{\"seal\":", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "json-invalid");
        await ProblemAssert.IsProblemAsync(await user.PostAsync("/signatures/sign", new StringContent("content=AQID", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType, "media-type-unsupported");
        using var anonymous = Server.HttpsClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SealClient.SignAsync(anonymous, [1], department)).StatusCode);

        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=signature.seal&target={department}&limit=100");
        Assert.Contains(events, e => e.GetProperty("details").GetProperty("code").GetString() == "signature-level-invalid");
        Assert.DoesNotContain(events, e => e.GetProperty("outcome").GetString() == "success");
    }

    [Fact]
    public async Task Sign_ContentOverTheLimit_IsTooLarge_AsContentOrAsBody()
    {
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(Server, department);
        using var user = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));
        var limit = new global::Signatures.SignaturesOptions().MaxContentBytes;

        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(user, new byte[limit + 1], department), HttpStatusCode.RequestEntityTooLarge,
            "signature-content-too-large");
        // Over the body limit (the content's base64 and 64 KiB) yet under the server's 1 MiB cap, so the refused body is drained, never reset mid-send.
        await ProblemAssert.IsProblemAsync(await SealClient.SignAsync(user, new byte[limit * 7 / 5], department), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal(HttpStatusCode.OK, (await SealClient.SignAsync(user, new byte[limit], department)).StatusCode);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, object body) => client.PostAsJsonAsync("/signatures/sign", body);
}
