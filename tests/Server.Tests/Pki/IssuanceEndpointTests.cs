using TestSupport;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Server.Tests.Pki;

public sealed class IssuanceEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Issue_ValidCsr_Returns201WithChainAndStoresIt()
    {
        var issued = await Server.IssueAsync(TestCsrs.Ecdsa("CN=store.example.org", null, "store.example.org"), "tls-server");

        Assert.Matches("^[0-9a-f]{32}$", issued.SerialNumber);
        Assert.Equal(2, issued.Chain.Length);
        using var admin = Server.AdminClient();
        using var found = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates/{issued.SerialNumber}"));
        Assert.Equal("valid", found.RootElement.GetProperty("status").GetString());
        Assert.Equal("tls-server", found.RootElement.GetProperty("profile").GetString());
        Assert.Equal("CN=store.example.org", found.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Search_BySubject_FindsOnlyMatches()
    {
        var marker = Guid.NewGuid().ToString("n")[..12];
        await Server.IssueAsync(TestCsrs.Ecdsa($"CN={marker}.example.org", null, $"{marker}.example.org"), "tls-server");
        await Server.IssueAsync(TestCsrs.Ecdsa("CN=unrelated.example.org", null, "unrelated.example.org"), "tls-server");

        using var admin = Server.AdminClient();
        using var page = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates?subject={marker.ToUpperInvariant()}&status=valid"));

        var subjects = page.RootElement.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("subject").GetString()).ToList();
        Assert.Equal([$"CN={marker}.example.org"], subjects);
    }

    [Theory]
    [InlineData("{not json", "json-invalid")]
    [InlineData("[]", "body-invalid")]
    [InlineData("null", "body-invalid")]
    public async Task Issue_BodyNotAJsonObject_Returns400(string body, string code)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsync("/pki/certificates", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Issue_BodyOver64KiB_Returns413()
    {
        using var admin = Server.AdminClient();
        var body = JsonSerializer.Serialize(new { csr = new string('A', 70 * 1024), profile = "tls-server" });
        using var response = await admin.PostAsync("/pki/certificates", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task Issue_WrongContentType_Returns415()
    {
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsync("/pki/certificates", new StringContent(TestCsrs.Ecdsa(), Encoding.UTF8, "application/pkcs10"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "media-type-unsupported");
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "hello", "tls-server", "csr-not-pem" },
        { "-----BEGIN CERTIFICATE REQUEST-----\nMIIBAAAA\n-----END CERTIFICATE REQUEST-----", "tls-server", "csr-malformed" },
        { TestCsrs.WithForgedSignature(), "tls-server", "csr-signature-invalid" },
        { TestCsrs.WithUnalignedSignature(), "tls-server", "csr-malformed" },
        { TestCsrs.Rsa(1024, "CN=weak.example.org", "weak.example.org"), "tls-server", "key-not-allowed" },
        { TestCsrs.Ecdsa("CN=p521.example.org", ECCurve.NamedCurves.nistP521, "p521.example.org"), "tls-server", "key-not-allowed" },
        { TestCsrs.Ecdsa("CN=x.example.org", null, "x.example.org"), "no-such-profile", "profile-unknown" },
        { TestCsrs.WithEmail("CN=mail", "mail@example.org"), "tls-server", "san-forbidden" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Issue_BadRequest_Returns400NamingTheReasonAndStoresNothing(string csr, string profile, string code)
    {
        using var admin = Server.AdminClient();
        var before = await CountAsync(admin);

        using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr, profile });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(before, await CountAsync(admin));
        Assert.Equal(HttpStatusCode.OK, (await Server.HttpClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Issue_SignatureWithUnusedBits_IsAuditedAsAMalformedRequest()
    {
        using var admin = Server.AdminClient();
        var before = await MalformedRefusalsAsync(admin);

        using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = TestCsrs.WithUnalignedSignature(), profile = "tls-server" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "csr-malformed");
        Assert.Equal(before + 1, await MalformedRefusalsAsync(admin));
    }

    private static async Task<int> MalformedRefusalsAsync(HttpClient admin) =>
        (await AuditEvents.ListAsync(admin, "?action=certificate.issue&outcome=failure&limit=1000"))
            .Count(e => e.GetProperty("details").GetProperty("code").GetString() == "csr-malformed");

    [Fact]
    public async Task Issue_WithoutClientCertificate_Returns401()
    {
        using var anonymous = Server.HttpsClient();
        using var response = await anonymous.PostAsJsonAsync("/pki/certificates", new { csr = TestCsrs.Ecdsa(), profile = "tls-server" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-required");
    }

    [Fact]
    public async Task Issue_OnPlainHttp_Returns401()
    {
        using var http = Server.HttpClient();
        using var response = await http.PostAsJsonAsync("/pki/certificates", new { csr = TestCsrs.Ecdsa(), profile = "tls-server" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-required");
    }

    [Fact]
    public async Task Issue_WithForeignClientCertificate_Returns401()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Bootstrap Administrator,O=SecurityPlatform", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var foreign = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var client = Server.HttpsClient(foreign);

        using var response = await client.PostAsJsonAsync("/pki/certificates", new { csr = TestCsrs.Ecdsa(), profile = "tls-server" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-refused");
    }

    [Fact]
    public async Task Issue_WithOurClientCertificateWithoutAdministratorRole_Returns403()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=Clerk,O=Department of Works", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await Server.IssueAsync(csr, "tls-client");
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate).CopyWithPrivateKey(key);
        using var clerk = Server.HttpsClient(certificate);

        using var response = await clerk.PostAsJsonAsync("/pki/certificates", new { csr = TestCsrs.Ecdsa(), profile = "tls-server" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
    }

    [Theory]
    [InlineData("zz", HttpStatusCode.BadRequest, "serial-invalid")]
    [InlineData("-1", HttpStatusCode.BadRequest, "serial-invalid")]
    [InlineData("0123456789abcdef", HttpStatusCode.NotFound, "certificate-unknown")]
    public async Task Get_BadOrUnknownSerial_ReturnsProblem(string serial, HttpStatusCode status, string code)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.GetAsync($"/pki/certificates/{serial}");

        await ProblemAssert.IsProblemAsync(response, status, code);
    }

    [Theory]
    [InlineData("status=sideways", "status-invalid")]
    [InlineData("limit=0", "limit-invalid")]
    [InlineData("limit=5000", "limit-invalid")]
    [InlineData("cursor=garbage", "cursor-invalid")]
    public async Task Search_BadParameters_Returns400(string query, string code)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.GetAsync($"/pki/certificates?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task GetCaCertificate_UnknownCa_Returns404()
    {
        using var response = await Server.HttpClient().GetAsync("/pki/cas/nobody/certificate");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "ca-unknown");
    }

    [Fact]
    public async Task GetCaCertificate_Der_IsTheRootFile()
    {
        using var response = await Server.HttpClient().GetAsync("/pki/cas/root/certificate");
        var der = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/pkix-cert", response.Content.Headers.ContentType?.MediaType);
        using var fromFile = X509CertificateLoader.LoadCertificateFromFile(Server.DataFile("root-ca.pem"));
        Assert.Equal(fromFile.RawData, der);
    }

    private static async Task<int> CountAsync(HttpClient admin)
    {
        using var page = JsonDocument.Parse(await admin.GetStringAsync("/pki/certificates?limit=1000"));
        return page.RootElement.GetProperty("certificates").GetArrayLength();
    }
}
