using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;

namespace Server.Tests.Authorization;

public sealed class AttributeCertificateEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    private async Task<string> HolderSerialAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=clerk.tax.example.org", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        return (await Server.IssueAsync(csr, "tls-client")).SerialNumber;
    }

    [Fact]
    public async Task Issue_PlatformHolder_ReturnsAttributeCertificateSignedByTheAuthority()
    {
        var holder = await HolderSerialAsync();
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsJsonAsync("/pmi/attribute-certificates",
            new { holderSerial = holder, roles = new[] { "approver", "clerk" }, department = "tax", clearance = "confidential", validityDays = 7 });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ac = new X509V2AttributeCertificate(Der(body.RootElement.GetProperty("attributeCertificate").GetString()!, "ATTRIBUTE CERTIFICATE"));
        var authority = new Org.BouncyCastle.X509.X509Certificate(Der(body.RootElement.GetProperty("issuerCertificate").GetString()!, "CERTIFICATE"));
        ac.Verify(authority.GetPublicKey());
        Assert.Equal(holder, ac.Holder.SerialNumber.ToString(16));
        Assert.Equal(authority.SubjectDN, ac.Issuer.GetPrincipals()[0]);
        Assert.Equal(body.RootElement.GetProperty("serialNumber").GetString(), ac.SerialNumber.ToString(16));
        Assert.InRange((ac.NotAfter - ac.NotBefore).TotalDays, 6.99, 7.01);

        var roles = ac.GetAttributes("2.5.4.72").Single().GetValues().Select(v => RoleSyntax.GetInstance(v).GetRoleNameAsString());
        Assert.Equal(["urn:securityplatform:role:approver", "urn:securityplatform:role:clerk"], roles.Order(StringComparer.Ordinal).ToList()); // DER sorts SET OF values
        var group = (Asn1Sequence)ac.GetAttributes("1.3.6.1.5.5.7.10.4").Single().GetValues()[0];
        Assert.Equal("tax", DerUtf8String.GetInstance(((Asn1Sequence)group[0])[0]).GetString());
        var clearance = (Asn1Sequence)ac.GetAttributes("2.5.4.55").Single().GetValues()[0];
        Assert.Equal(0x10, DerBitString.GetInstance(clearance[1]).GetBytes()[0]); // confidential = named bit 3
    }

    [Fact]
    public async Task Issue_AuthorityCertificate_HasDigitalSignatureOnlyAndChainsToIssuingCa()
    {
        var holder = await HolderSerialAsync();
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "clerk" } });

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var authority = X509Certificate2.CreateFromPem(body.RootElement.GetProperty("issuerCertificate").GetString()!);
        using var issuing = X509CertificateLoader.LoadCertificateFromFile(Server.DataFile("issuing-ca.pem"));
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, authority.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Empty(authority.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(issuing.SubjectName.Name, authority.IssuerName.Name);
    }

    [Theory]
    [InlineData("{\"holderSerial\": \"abc123\", \"roles\": [\"clerk\"]}", "holder-unknown")]
    [InlineData("{\"holderSerial\": \"not-hex\", \"roles\": [\"clerk\"]}", "holder-invalid")]
    [InlineData("{\"holderSerial\": \"abc123\", \"roles\": []}", "roles-invalid")]
    [InlineData("{\"holderSerial\": \"abc123\", \"roles\": [\"a b\"]}", "roles-invalid")]
    [InlineData("{\"holderSerial\": \"abc123\", \"roles\": [\"clerk\"], \"clearance\": \"cosmic\"}", "clearance-invalid")]
    [InlineData("{\"holderSerial\": \"abc123\", \"roles\": [\"clerk\"], \"validityDays\": 100000}", "validity-invalid")]
    public async Task Issue_BadRequest_Answers400WithCode(string json, string code)
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/pmi/attribute-certificates", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Issue_NotAdministrator_Answers403()
    {
        using var certificate = await AuthzClient.ClientCertificateAsync(Server, "CN=portal.example.org");
        using var client = Server.HttpsClient(certificate);

        using var response = await client.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = "abc", roles = new[] { "clerk" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
    }

    [Fact]
    public async Task IsAuthorized_HolderWithAttributeCertificate_GetsRolesDepartmentAndClearance()
    {
        var holder = await HolderSerialAsync();
        var stranger = await HolderSerialAsync();
        using var admin = Server.AdminClient();
        using (var issued = await admin.PostAsJsonAsync("/pmi/attribute-certificates",
            new { holderSerial = holder, roles = new[] { "approver" }, department = "tax", clearance = "secret" }))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, """
            @id("approvers") permit(principal in Role::"approver", action == Action::"approve", resource in Department::"tax")
                when { principal in Department::"tax" && principal.clearance >= 4 };
            """));
        string Request(string serial, string entities = "") =>
            $$$"""{"principal": {"type": "Certificate", "id": "{{{serial}}}"}, "action": {"type": "Action", "id": "approve"}, "resource": {"type": "Case", "id": "c1"}, "entities": [{"uid": {"type": "Case", "id": "c1"}, "attrs": {}, "parents": [{"type": "Department", "id": "tax"}]}{{{entities}}}]}""";

        using var allowed = await AuthzClient.IsAuthorizedAsync(admin, Request(holder));
        using var denied = await AuthzClient.IsAuthorizedAsync(admin, Request(stranger));
        using var forged = await AuthzClient.IsAuthorizedAsync(admin, Request(holder,
            $$$""", {"uid": {"type": "Certificate", "id": "{{{holder}}}"}, "attrs": {"clearance": 5}, "parents": []}"""));

        Assert.Contains("\"allow\"", await allowed.Content.ReadAsStringAsync());
        Assert.Contains("\"deny\"", await denied.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.BadRequest, "entity-reserved");
    }

    [Fact]
    public async Task Restart_IssuedAttributeCertificates_StillApply()
    {
        using var data = new TestSupport.TemporaryDirectory();
        string holder;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            holder = (await first.IssueAsync(new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSigningRequestPem(), "tls-client")).SerialNumber;
            using var admin = first.AdminClient();
            using var issued = await admin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "clerk" } });
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, "permit(principal in Role::\"clerk\", action, resource);"));
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        using var client = second.AdminClient();
        using var decision = await AuthzClient.IsAuthorizedAsync(client,
            $$$"""{"principal": {"type": "Certificate", "id": "{{{holder}}}"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}}""");

        Assert.Contains("\"allow\"", await decision.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoke_AttributeCertificate_StopsCountingAndIsListedInSignedAcrl()
    {
        var holder = await HolderSerialAsync();
        using var admin = Server.AdminClient();
        using var issued = await admin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "revocable" } });
        using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        var serial = body.RootElement.GetProperty("serialNumber").GetString()!;
        var authority = new Org.BouncyCastle.X509.X509Certificate(Der(body.RootElement.GetProperty("issuerCertificate").GetString()!, "CERTIFICATE"));
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, "@id(\"r\") permit(principal in Role::\"revocable\", action, resource);"));
        var request = $$$"""{"principal": {"type": "Certificate", "id": "{{{holder}}}"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}}""";
        using (var before = await AuthzClient.IsAuthorizedAsync(admin, request))
        {
            Assert.Contains("\"allow\"", await before.Content.ReadAsStringAsync());
        }

        using var revoke = await admin.PostAsync($"/pmi/attribute-certificates/{serial}/revoke", null);
        using var after = await AuthzClient.IsAuthorizedAsync(admin, request);
        using var plain = Server.HttpClient();
        var acrl = new Org.BouncyCastle.X509.X509Crl(await plain.GetByteArrayAsync("/pmi/acrl"));

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Contains("\"deny\"", await after.Content.ReadAsStringAsync());
        acrl.Verify(authority.GetPublicKey());
        Assert.Equal(authority.SubjectDN, acrl.IssuerDN);
        Assert.NotNull(acrl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(serial, 16)));
    }

    [Fact]
    public async Task Revoke_UnknownSerial_Answers404()
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/pmi/attribute-certificates/abcdef/revoke", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "attribute-certificate-unknown");
    }

    private static byte[] Der(string pem, string label)
    {
        Assert.True(PemEncoding.TryFind(pem, out var fields));
        Assert.Equal(label, pem[fields.Label]);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
