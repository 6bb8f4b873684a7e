using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Identity.People;
using Identity.People.SignIn;
using Identity.People.Totp;
using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Audit;
using Server.Tests.Hosting;

namespace Server.Tests.Identity;

/// <summary>The directory of people through the real host: its administration API, its refusals, and the sign-in checks it feeds, with their audit events.</summary>
public sealed class PeopleEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Password = "a long enough password";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Create_AnswersThePersonWithoutSecrets_AndGetReadsItBack()
    {
        using var admin = Server.AdminClient();

        using var created = await admin.PostAsJsonAsync("/identity/people",
            new { login = "Zhang.San", displayName = "Zhang San", department = "civil-affairs", password = Password, roles = new[] { "clerk" } });
        var body = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain("argon2", body, StringComparison.Ordinal);
        using var person = JsonDocument.Parse(body);
        Assert.Equal("zhang.san", person.RootElement.GetProperty("login").GetString());
        Assert.True(person.RootElement.GetProperty("passwordSet").GetBoolean());
        Assert.False(person.RootElement.GetProperty("totpEnrolled").GetBoolean());
        using var read = await admin.GetAsync("/identity/people/ZHANG.SAN");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Zhang San", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());
        var events = await AuditEvents.ListAsync(admin, "?module=identity&action=person.create&target=zhang.san");
        Assert.Equal("success", Assert.Single(events).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Create_TakenLogin_Conflict()
    {
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync("/identity/people", new { login = "taken", displayName = "Taken", department = "works" })).EnsureSuccessStatusCode();

        using var again = await admin.PostAsJsonAsync("/identity/people", new { login = "TAKEN", displayName = "Other", department = "works" });

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "person-exists");
    }

    [Theory]
    [InlineData("""{"displayName": "No Login", "department": "works"}""", "login-invalid")]
    [InlineData("""{"login": "has space", "displayName": "X", "department": "works"}""", "login-invalid")]
    [InlineData("""{"login": "nodisplay", "department": "works"}""", "display-name-invalid")]
    [InlineData("""{"login": "nodepartment", "displayName": "X"}""", "department-invalid")]
    [InlineData("""{"login": "badroles", "displayName": "X", "department": "works", "roles": ["a b"]}""", "roles-invalid")]
    [InlineData("""{"login": "short", "displayName": "X", "department": "works", "password": "short"}""", "password-too-short")]
    [InlineData("""{"login": "typo", "displayName": "X", "department": "works", "pasword": "misspelt field"}""", "body-invalid")]
    [InlineData("""{"login": 7, "displayName": "X", "department": "works"}""", "body-invalid")]
    [InlineData("""[1, 2]""", "body-invalid")]
    [InlineData("""{"login": """, "json-invalid")]
    public async Task Create_BadBody_BadRequestNamingTheProblem(string json, string code)
    {
        using var admin = Server.AdminClient();

        using var response = await admin.PostAsync("/identity/people", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Create_WrongContentTypeOrOversized_Refused()
    {
        using var admin = Server.AdminClient();

        using var text = await admin.PostAsync("/identity/people", new StringContent("""{"login": "x"}""", Encoding.UTF8, "text/plain"));
        using var huge = await admin.PostAsync("/identity/people",
            new StringContent($$"""{"login": "huge", "displayName": "{{new string('x', 20_000)}}", "department": "works"}""", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(text, HttpStatusCode.UnsupportedMediaType, "media-type-unsupported");
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task Api_WithoutAdministratorCertificate_Unauthorized()
    {
        using var anonymous = Server.HttpsClient();

        using var response = await anonymous.GetAsync("/identity/people/anyone");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-required");
    }

    [Fact]
    public async Task UnknownLogin_NotFound_ForReadChangeBindAndEnrol()
    {
        using var admin = Server.AdminClient();

        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/identity/people/nobody"), HttpStatusCode.NotFound, "person-unknown");
        await ProblemAssert.IsProblemAsync(await admin.PatchAsJsonAsync("/identity/people/nobody", new { disabled = true }), HttpStatusCode.NotFound, "person-unknown");
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/identity/people/nobody/certificates", new { serialNumber = "1a" }), HttpStatusCode.NotFound, "person-unknown");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/identity/people/nobody/totp", null), HttpStatusCode.NotFound, "person-unknown");
    }

    [Fact]
    public async Task Patch_Disable_RefusesSignIn_AndReEnableAllowsIt_EachAudited()
    {
        using var admin = Server.AdminClient();
        await CreateAsync(admin, "to.disable");
        var signIn = Server.Services.GetRequiredService<PasswordSignIn>();

        using var disabled = await admin.PatchAsJsonAsync("/identity/people/to.disable", new { disabled = true });
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        Assert.Equal(SignInReason.Disabled, (await signIn.SignInAsync(new SignInAttempt("to.disable", Password, null, IPAddress.Loopback))).Reason);

        using var enabled = await admin.PatchAsJsonAsync("/identity/people/to.disable", new { disabled = false, displayName = "Back Again" });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True((await signIn.SignInAsync(new SignInAttempt("to.disable", Password, null, IPAddress.Loopback))).Succeeded);

        Assert.Single(await AuditEvents.ListAsync(admin, "?module=identity&action=person.disable&target=to.disable"));
        Assert.Single(await AuditEvents.ListAsync(admin, "?module=identity&action=person.update&target=to.disable"));
        var signIns = await AuditEvents.ListAsync(admin, "?module=identity&action=sign-in&target=to.disable");
        Assert.Equal(["success", "failure"], signIns.Select(e => e.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Patch_EmptyOrBad_BadRequest()
    {
        using var admin = Server.AdminClient();
        await CreateAsync(admin, "patched");

        await ProblemAssert.IsProblemAsync(await admin.PatchAsJsonAsync("/identity/people/patched", new { }), HttpStatusCode.BadRequest, "body-invalid");
        await ProblemAssert.IsProblemAsync(await admin.PatchAsJsonAsync("/identity/people/patched", new { password = "short" }), HttpStatusCode.BadRequest, "password-too-short");
        await ProblemAssert.IsProblemAsync(await admin.PatchAsJsonAsync("/identity/people/patched", new { displayName = " padded " }), HttpStatusCode.BadRequest, "display-name-invalid");
    }

    [Fact]
    public async Task BindCertificate_OurCurrentCertificate_BindsToOnePerson_RevokedAndUnknownRefused()
    {
        using var admin = Server.AdminClient();
        await CreateAsync(admin, "cert.holder");
        await CreateAsync(admin, "cert.other");
        var serial = await IssueClientCertificateAsync();
        var directory = Server.Services.GetRequiredService<PeopleDirectory>();

        using var bound = await admin.PostAsJsonAsync("/identity/people/cert.holder/certificates", new { serialNumber = serial.ToUpperInvariant() });
        using var again = await admin.PostAsJsonAsync("/identity/people/cert.holder/certificates", new { serialNumber = serial });
        using var elsewhere = await admin.PostAsJsonAsync("/identity/people/cert.other/certificates", new { serialNumber = serial });
        using var unknown = await admin.PostAsJsonAsync("/identity/people/cert.other/certificates", new { serialNumber = "7fffffffffffffffffff" });
        using var invalid = await admin.PostAsJsonAsync("/identity/people/cert.other/certificates", new { serialNumber = "not-hex" });

        Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        Assert.Equal([serial], (await bound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("certificates").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await ProblemAssert.IsProblemAsync(elsewhere, HttpStatusCode.Conflict, "certificate-bound");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "certificate-unknown");
        await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "serial-invalid");
        Assert.Equal("cert.holder", (await directory.FindByCertificateAsync(serial, CancellationToken.None))?.Login);
        Assert.Single(await AuditEvents.ListAsync(admin, "?module=identity&action=person.certificate.bind&target=cert.holder&outcome=success"));

        var revoked = await IssueClientCertificateAsync();
        (await admin.PostAsJsonAsync($"/pki/certificates/{revoked}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
        using var refused = await admin.PostAsJsonAsync("/identity/people/cert.other/certificates", new { serialNumber = revoked });
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "certificate-not-current");
    }

    [Fact]
    public async Task Totp_EnrolAdministrator_ThenSignInNeedsAFreshCode()
    {
        using var admin = Server.AdminClient();
        await CreateAsync(admin, "officer.admin", "administrator");
        var signIn = Server.Services.GetRequiredService<PasswordSignIn>();
        Assert.Equal(SignInReason.TotpNotEnrolled, (await signIn.SignInAsync(new SignInAttempt("officer.admin", Password, null, IPAddress.Loopback))).Reason);

        using var started = await admin.PostAsync("/identity/people/officer.admin/totp", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("no-store", started.Headers.CacheControl?.ToString());
        var enrolment = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("<svg", enrolment.GetProperty("qrSvg").GetString()!.TrimStart(), StringComparison.Ordinal);
        var uri = enrolment.GetProperty("otpauthUri").GetString()!;
        Assert.Contains("algorithm=SHA1&digits=6&period=30", uri, StringComparison.Ordinal);
        var secret = SecretOf(uri);

        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/identity/people/officer.admin/totp/confirm", new { code = "abc" }),
            HttpStatusCode.BadRequest, "totp-code-invalid");
        var step = TotpCode.StepAt(DateTimeOffset.UtcNow);
        using var confirmed = await admin.PostAsJsonAsync("/identity/people/officer.admin/totp/confirm", new { code = TotpCode.Compute(secret, step) });
        Assert.True((await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totpEnrolled").GetBoolean());

        // The confirming code is used up; the next step's code (within the window) signs in, once.
        Assert.Equal(SignInReason.TotpReplayed, (await signIn.SignInAsync(new SignInAttempt("officer.admin", Password, TotpCode.Compute(secret, step), IPAddress.Loopback))).Reason);
        var next = TotpCode.Compute(secret, step + 1);
        var signedIn = await signIn.SignInAsync(new SignInAttempt("officer.admin", Password, next, IPAddress.Loopback));
        Assert.True(signedIn.Succeeded, signedIn.Reason.ToString());
        Assert.Equal("pwd+otp", signedIn.Method);
        Assert.Equal(SignInReason.TotpReplayed, (await signIn.SignInAsync(new SignInAttempt("officer.admin", Password, next, IPAddress.Loopback))).Reason);

        var success = Assert.Single(await AuditEvents.ListAsync(admin, "?module=identity&action=sign-in&target=officer.admin&outcome=success"));
        Assert.Equal("pwd+otp", success.GetProperty("details").GetProperty("method").GetString());
        Assert.Equal(2, (await AuditEvents.ListAsync(admin, "?module=identity&action=person.totp.enrol&target=officer.admin&outcome=success")).Count);
    }

    private static async Task CreateAsync(HttpClient admin, string login, params string[] roles)
    {
        using var response = await admin.PostAsJsonAsync("/identity/people", new { login, displayName = "Test Person", department = "works", password = Password, roles });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> IssueClientCertificateAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=Staff Member,O=Department of Works", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        return (await Server.IssueAsync(csr, "tls-client")).SerialNumber;
    }

    internal static byte[] SecretOf(string otpauthUri)
    {
        var secret = Uri.UnescapeDataString(otpauthUri.Split("secret=")[1].Split('&')[0]);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(secret.Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
