using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Registration;

/// <summary>
/// A department's people request certificates and its registration officers decide, as the
/// platform's registration policy (Cedar, at the decision point) says: request → approve → issue,
/// separation of duty, two approvals where the profile says so, and every refusal in problem
/// details with nothing issued.
/// </summary>
public sealed class RegistrationTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Request_ApprovedByAnOfficer_IsIssued_AndTheRequesterFetchesTheCertificate()
    {
        var department = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));

        var id = await SubmittedAsync(clerk, department, "tls-server", TestCsrs.Ecdsa($"CN=www.{department}.city.example,O=City Finance", null, $"www.{department}.city.example"));
        var pending = await RequestAsync(clerk, id);
        using var approved = await ApproveAsync(officer, id, "Checked against the department's order 2026-41.");
        var issued = await RequestAsync(clerk, id);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("certificate").ValueKind);
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.Equal(1, issued.GetProperty("approvalsRequired").GetInt32());
        Assert.Equal("Checked against the department's order 2026-41.", Assert.Single(issued.GetProperty("approvals").EnumerateArray()).GetProperty("comment").GetString());
        using var certificate = X509Certificate2.CreateFromPem(issued.GetProperty("certificate").GetString()!);
        Assert.Equal($"CN=www.{department}.city.example, O=City Finance", certificate.Subject);
        Assert.Equal(2, issued.GetProperty("chain").GetArrayLength());
        var serial = issued.GetProperty("serialNumber").GetString()!;
        using var admin = Server.AdminClient();
        using var record = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates/{serial}"));
        Assert.Equal("valid", record.RootElement.GetProperty("status").GetString());
        var events = await AuditEvents.ListAsync(admin, $"?module=pki.ca&limit=200");
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "certificate-request.submit" && e.GetProperty("target").GetString() == $"request:{id}");
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "certificate-request.approve" && e.GetProperty("target").GetString() == $"request:{id}");
        Assert.Single(events, e => e.GetProperty("action").GetString() == "certificate.issue"
            && e.GetProperty("details").TryGetProperty("request", out var request) && request.GetString() == id);
    }

    [Fact]
    public async Task PeopleSignedInAtTheIdentityProvider_RequestAndReview_WithTheirTokensDepartment()
    {
        // The identity provider's people in these tests belong to civil-affairs.
        using (var admin = Server.AdminClient())
        {
            await admin.PostAsJsonAsync("/pki/departments", new
            {
                name = "civil-affairs", displayName = "Civil Affairs", organization = "City Finance", profiles = new[] { "document-signing" },
            });
        }

        var (clerkToken, _, _) = await Identity.PersonTokens.AccessTokenAsync(Server, ["clerk"], ["securityplatform"]);
        var (officerToken, _, _) = await Identity.PersonTokens.AccessTokenAsync(Server, ["registration-officer"], ["securityplatform"]);
        using var clerk = Bearer(clerkToken);
        using var officer = Bearer(officerToken);

        var id = await SubmittedAsync(clerk, "civil-affairs", "document-signing", TestCsrs.Ecdsa("CN=Zhang San,O=City Finance"));
        using var ownDecision = await ApproveAsync(clerk, id);
        using var approved = await ApproveAsync(officer, id);

        await ProblemAssert.IsProblemAsync(ownDecision, HttpStatusCode.Forbidden, "approver-is-requester");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var issued = await RequestAsync(clerk, id);
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.NotEqual(issued.GetProperty("requester").GetString(), Assert.Single(issued.GetProperty("approvals").EnumerateArray()).GetProperty("officer").GetString());
    }

    private static string WithUri(string subject, string uri)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(subject, key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddUri(new Uri(uri));
        request.CertificateExtensions.Add(sans.Build());
        return request.CreateSigningRequestPem();
    }

    private static async Task<List<string>> ListedAsync(HttpClient client, string query)
    {
        using var page = JsonDocument.Parse(await client.GetStringAsync("/pki/requests" + query));
        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
    }

    private HttpClient Bearer(string token)
    {
        var client = Server.HttpsClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Requester_NeverDecidesTheirOwnRequest_AnotherOfficerDoes()
    {
        var department = await DepartmentAsync(Server);
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        using var colleague = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var id = await SubmittedAsync(officer, department, "document-signing", TestCsrs.Ecdsa("CN=Officer Wang,O=City Finance"));

        using var ownApproval = await ApproveAsync(officer, id);
        using var ownRejection = await RejectAsync(officer, id);
        using var approved = await ApproveAsync(colleague, id);

        await ProblemAssert.IsProblemAsync(ownApproval, HttpStatusCode.Forbidden, "approver-is-requester");
        await ProblemAssert.IsProblemAsync(ownRejection, HttpStatusCode.Forbidden, "approver-is-requester");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("issued", (await RequestAsync(officer, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ProfileNeedingTwoApprovals_IsIssuedOnlyByTheSecondOfTwoOfficers()
    {
        var department = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var first = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        using var second = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var id = await SubmittedAsync(clerk, department, "seal", TestCsrs.Ecdsa("CN=Finance Bureau seal,O=City Finance"));

        using var one = await ApproveAsync(first, id);
        var afterOne = await RequestAsync(clerk, id);
        using var again = await ApproveAsync(first, id);
        using var two = await ApproveAsync(second, id);
        var afterTwo = await RequestAsync(clerk, id);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("pending", afterOne.GetProperty("status").GetString());
        Assert.Equal(2, afterOne.GetProperty("approvalsRequired").GetInt32());
        Assert.Single(afterOne.GetProperty("approvals").EnumerateArray());
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "approval-repeated");
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Equal("issued", afterTwo.GetProperty("status").GetString());
        Assert.Equal(2, afterTwo.GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task Rejected_IsClosed_WithItsComment_AndNothingIsIssued()
    {
        var department = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var id = await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Li,O=City Finance"));

        using var rejected = await RejectAsync(officer, id, "No order from the bureau chief.");
        using var approvedLater = await ApproveAsync(officer, id);
        var read = await RequestAsync(clerk, id);

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        await ProblemAssert.IsProblemAsync(approvedLater, HttpStatusCode.Conflict, "certificate-request-closed");
        Assert.Equal("rejected", read.GetProperty("status").GetString());
        Assert.Equal("No order from the bureau chief.", read.GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("serialNumber").ValueKind);
    }

    [Fact]
    public async Task WhoMayRequest_AndWhoMayReview_IsThePolicysAnswer()
    {
        var department = await DepartmentAsync(Server);
        var other = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var outsider = Server.HttpsClient(await PersonAsync(Server, other));
        using var otherOfficer = Server.HttpsClient(await PersonAsync(Server, other, "registration-officer"));
        using var colleague = Server.HttpsClient(await PersonAsync(Server, department));
        var id = await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Zhao,O=City Finance"));

        using var foreignRequest = await SubmitAsync(outsider, department, "document-signing", TestCsrs.Ecdsa("CN=Outsider,O=City Finance"));
        using var clerkApproves = await ApproveAsync(colleague, id);
        using var foreignOfficerApproves = await ApproveAsync(otherOfficer, id);
        using var foreignOfficerReads = await otherOfficer.GetAsync($"/pki/requests/{id}");
        using var colleagueReads = await colleague.GetAsync($"/pki/requests/{id}");

        var denied = await ProblemAssert.IsProblemAsync(foreignRequest, HttpStatusCode.Forbidden, "registration-denied");
        Assert.DoesNotContain("registration-department-members-request", denied.GetRawText(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(clerkApproves, HttpStatusCode.Forbidden, "registration-denied");
        await ProblemAssert.IsProblemAsync(foreignOfficerApproves, HttpStatusCode.Forbidden, "registration-denied");
        await ProblemAssert.IsProblemAsync(foreignOfficerReads, HttpStatusCode.NotFound, "certificate-request-unknown");
        await ProblemAssert.IsProblemAsync(colleagueReads, HttpStatusCode.NotFound, "certificate-request-unknown");
        Assert.Equal("pending", (await RequestAsync(clerk, id)).GetProperty("status").GetString());
        Assert.Equal([id], await ListedAsync(clerk, $"?department={department}"));
        Assert.Empty(await ListedAsync(colleague, $"?department={department}"));
        Assert.Empty(await ListedAsync(otherOfficer, ""));
        using var admin = Server.AdminClient();
        Assert.Equal([id], await ListedAsync(admin, $"?department={department}&status=pending"));
        var events = await AuditEvents.ListAsync(admin, "?module=pki.ca&outcome=denied&limit=200");
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "certificate-request.submit" && e.GetProperty("target").GetString() == department);
    }

    [Fact]
    public async Task NamesOutsideTheDepartment_AProfileItMayNotUse_AndBadRequests_AreRefused_NothingStored()
    {
        var department = await DepartmentAsync(Server, profiles: ["tls-server", "tls-client"]);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        var inside = $"www.{department}.city.example";

        using var foreignDns = await SubmitAsync(clerk, department, "tls-server", TestCsrs.Ecdsa($"CN={inside},O=City Finance", null, inside, "www.bank.example"));
        using var lookalike = await SubmitAsync(clerk, department, "tls-server", TestCsrs.Ecdsa($"CN=evil{department}.city.example,O=City Finance", null, $"evil{department}.city.example"));
        using var commonName = await SubmitAsync(clerk, department, "tls-client", TestCsrs.Ecdsa("CN=www.bank.example,O=City Finance"));
        using var organization = await SubmitAsync(clerk, department, "tls-server", TestCsrs.Ecdsa($"CN={inside},O=City Police", null, inside));
        using var email = await SubmitAsync(clerk, department, "tls-client", TestCsrs.WithEmail("CN=Clerk Qian,O=City Finance", "clerk@bank.example"));
        using var profile = await SubmitAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk,O=City Finance"));
        using var unknown = await SubmitAsync(clerk, "no-such-department", "tls-server", TestCsrs.Ecdsa($"CN={inside}", null, inside));
        using var notPem = await SubmitAsync(clerk, department, "tls-server", "not a CSR");
        using var notJson = await clerk.PostAsync("/pki/requests", new StringContent("csr=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var ip = await SubmitAsync(clerk, department, "tls-server", TestCsrs.WithIp("O=City Finance", "10.0.4.17"));
        using var uri = await SubmitAsync(clerk, department, "tls-client", WithUri("CN=Clerk Qian,O=City Finance", "https://www.bank.example/clerk"));
        using var uriInside = await SubmitAsync(clerk, department, "tls-client", WithUri("CN=Clerk Qian,O=City Finance", $"https://{inside}/clerk"));
        using var under = await SubmitAsync(clerk, department, "tls-server", TestCsrs.Ecdsa($"CN={inside},O=City Finance", null, inside, $"api.eu.{department}.city.example"));

        await ProblemAssert.IsProblemAsync(foreignDns, HttpStatusCode.Forbidden, "csr-name-outside-department");
        await ProblemAssert.IsProblemAsync(lookalike, HttpStatusCode.Forbidden, "csr-name-outside-department");
        await ProblemAssert.IsProblemAsync(commonName, HttpStatusCode.Forbidden, "csr-name-outside-department");
        await ProblemAssert.IsProblemAsync(organization, HttpStatusCode.Forbidden, "csr-name-outside-department");
        await ProblemAssert.IsProblemAsync(email, HttpStatusCode.Forbidden, "csr-name-outside-department");
        await ProblemAssert.IsProblemAsync(profile, HttpStatusCode.Forbidden, "profile-not-allowed");
        await ProblemAssert.IsProblemAsync(ip, HttpStatusCode.Forbidden, "csr-name-outside-department");
        await ProblemAssert.IsProblemAsync(uri, HttpStatusCode.Forbidden, "csr-name-outside-department");
        Assert.Equal(HttpStatusCode.Accepted, uriInside.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "department-unknown");
        await ProblemAssert.IsProblemAsync(notPem, HttpStatusCode.BadRequest, "csr-not-pem");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, under.StatusCode);
        using var list = JsonDocument.Parse(await clerk.GetStringAsync("/pki/requests"));
        Assert.Equal(2, list.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Quota_CountsValidCertificatesAndOpenRequests_AndFreesWhenARequestCloses()
    {
        var department = await DepartmentAsync(Server, maxCertificates: 1);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var officer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var csr = () => TestCsrs.Ecdsa("CN=Clerk Sun,O=City Finance");
        var first = await SubmittedAsync(clerk, department, "document-signing", csr());

        using var whilePending = await SubmitAsync(clerk, department, "document-signing", csr());
        (await RejectAsync(officer, first)).EnsureSuccessStatusCode();
        var second = await SubmittedAsync(clerk, department, "document-signing", csr());
        (await ApproveAsync(officer, second)).EnsureSuccessStatusCode();
        using var whileIssued = await SubmitAsync(clerk, department, "document-signing", csr());
        var serial = (await RequestAsync(clerk, second)).GetProperty("serialNumber").GetString()!;
        using (var admin = Server.AdminClient())
        {
            (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "superseded" })).EnsureSuccessStatusCode();
        }

        await ProblemAssert.IsProblemAsync(whilePending, HttpStatusCode.Forbidden, "department-quota-exceeded");
        await ProblemAssert.IsProblemAsync(whileIssued, HttpStatusCode.Forbidden, "department-quota-exceeded");
        await SubmittedAsync(clerk, department, "document-signing", csr());
    }

    [Fact]
    public async Task Departments_AreDefinedByAdministrators_WithTheirRulesChecked()
    {
        var department = await DepartmentAsync(Server);
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var admin = Server.AdminClient();
        var definition = new { displayName = "Finance Bureau", dnsSuffixes = new[] { "finance.city.example" }, profiles = new[] { "tls-server" } };

        using var byClerk = await clerk.PostAsJsonAsync("/pki/departments", new { name = "x-dept", definition.displayName, definition.dnsSuffixes, definition.profiles });
        using var duplicate = await admin.PostAsJsonAsync("/pki/departments", new { name = department, definition.displayName, definition.profiles });
        using var wildcard = await admin.PostAsJsonAsync("/pki/departments", new { name = "wild", definition.displayName, dnsSuffixes = new[] { "*.city.example" }, definition.profiles });
        using var platformProfile = await admin.PostAsJsonAsync("/pki/departments", new { name = "adm", definition.displayName, profiles = new[] { "administrator" } });
        using var unknownProfile = await admin.PostAsJsonAsync("/pki/departments", new { name = "unk", definition.displayName, profiles = new[] { "no-such" } });
        using var badName = await admin.PostAsJsonAsync("/pki/departments", new { name = "finance bureau", definition.displayName, definition.profiles });
        using var updated = await admin.PutAsJsonAsync($"/pki/departments/{department}", new { displayName = "Finance Bureau (renamed)", profiles = new[] { "tls-server" } });
        using var missing = await admin.PutAsJsonAsync("/pki/departments/no-such-department", new { definition.displayName, definition.profiles });
        var read = JsonDocument.Parse(await clerk.GetStringAsync($"/pki/departments/{department}")).RootElement;

        await ProblemAssert.IsProblemAsync(byClerk, HttpStatusCode.Forbidden, "role-required");
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "department-exists");
        await ProblemAssert.IsProblemAsync(wildcard, HttpStatusCode.BadRequest, "department-definition-invalid");
        await ProblemAssert.IsProblemAsync(platformProfile, HttpStatusCode.BadRequest, "department-definition-invalid");
        await ProblemAssert.IsProblemAsync(unknownProfile, HttpStatusCode.BadRequest, "department-definition-invalid");
        await ProblemAssert.IsProblemAsync(badName, HttpStatusCode.BadRequest, "department-definition-invalid");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, "department-unknown");
        Assert.Equal("Finance Bureau (renamed)", read.GetProperty("displayName").GetString());
        Assert.Empty(read.GetProperty("dnsSuffixes").EnumerateArray());
    }
}
