using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Server.Tests.Security;

/// <summary>A 403 <c>role-required</c> names the role the endpoint needs.</summary>
public sealed class RoleRequiredTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("POST", "/pki/certificates", "administrator")]
    [InlineData("GET", "/audit/events", "auditor or administrator")]
    public async Task CertificateWithoutRoles_Forbidden_DetailNamesTheRole(string method, string path, string roles)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=Clerk,O=Department of Works", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await Server.IssueAsync(csr, "tls-client");
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate).CopyWithPrivateKey(key);
        using var clerk = Server.HttpsClient(certificate);

        using var response = method == "POST"
            ? await clerk.PostAsJsonAsync(path, new { csr, profile = "tls-server" })
            : await clerk.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith($": {roles}.", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
