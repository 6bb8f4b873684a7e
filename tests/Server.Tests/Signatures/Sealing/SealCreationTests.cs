using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>Seals are made by administrators, one per department, certified for document signing, and kept across restarts.</summary>
public sealed class SealCreationTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Create_ByAdministrator_IsListedWithItsDocumentSigningCertificateAndChain_AndAudited()
    {
        var department = SealClient.NewDepartment();

        var created = await SealClient.CreateSealAsync(Server, department);

        using var admin = Server.AdminClient();
        var fetched = await SealClient.JsonAsync(await admin.GetAsync($"/signatures/seals/{department}"), HttpStatusCode.OK);
        var listed = await SealClient.JsonAsync(await admin.GetAsync("/signatures/seals"), HttpStatusCode.OK);
        Assert.Equal("ECDSA-P256", created.GetProperty("algorithm").GetString());
        Assert.Equal(created.GetProperty("serialNumber").GetString(), fetched.GetProperty("serialNumber").GetString());
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("department").GetString() == department);
        using var certificate = X509Certificate2.CreateFromPem(fetched.GetProperty("certificate").GetString());
        var usage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, usage.KeyUsages);
        Assert.Contains(department, certificate.Subject, StringComparison.Ordinal);
        Assert.True(fetched.GetProperty("chain").GetArrayLength() >= 2);
        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=seal.create&target={department}&limit=10");
        var success = Assert.Single(events);
        Assert.Equal("success", success.GetProperty("outcome").GetString());
        Assert.Equal(created.GetProperty("serialNumber").GetString(), success.GetProperty("details").GetProperty("serial").GetString());
    }

    [Fact]
    public async Task Create_Refusals_AreCataloguedProblems()
    {
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(Server, department);
        using var admin = Server.AdminClient();
        using var person = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));

        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/signatures/seals", new { department }), HttpStatusCode.Conflict, "seal-exists");
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/signatures/seals", new { department = "no spaces" }), HttpStatusCode.BadRequest,
            "seal-department-invalid");
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/signatures/seals", new { department = SealClient.NewDepartment(), algorithm = "DSA-1024" }),
            HttpStatusCode.BadRequest, "seal-algorithm-invalid");
        await ProblemAssert.IsProblemAsync(await person.PostAsJsonAsync("/signatures/seals", new { department = SealClient.NewDepartment() }),
            HttpStatusCode.Forbidden, "role-required");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/signatures/seals/{SealClient.NewDepartment()}"), HttpStatusCode.NotFound, "seal-unknown");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/signatures/seals", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "media-type-unsupported");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/signatures/seals", new StringContent("{", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "json-invalid");

        var events = await AuditEvents.ListAsync(admin, $"?module=signatures&action=seal.create&target={department}&limit=10");
        Assert.Single(events, e => e.GetProperty("outcome").GetString() == "failure" && e.GetProperty("details").GetProperty("code").GetString() == "seal-exists");
    }

    [Fact]
    public async Task Seal_AfterARestart_IsLoadedAndSigns()
    {
        using var data = new TemporaryDirectory();
        var department = SealClient.NewDepartment();
        string serial;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            serial = (await SealClient.CreateSealAsync(first, department)).GetProperty("serialNumber").GetString()!;
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        using var user = second.HttpsClient(await PersonAsync(second, department, "seal-user"));
        var answer = await SealClient.JsonAsync(await SealClient.SignAsync(user, [1, 2, 3], department), HttpStatusCode.OK);

        Assert.Equal(serial, answer.GetProperty("signer").GetString());
    }
}
