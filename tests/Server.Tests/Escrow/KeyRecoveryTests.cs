using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using Server.Tests.Registration;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Escrow;

/// <summary>
/// Recovery of an escrowed key under dual control: a key-recovery officer opens it, a second one
/// approves, and only then is the key released, encrypted to the certificate named; every refusal
/// is a catalogued problem with nothing released, and every step is audited once.
/// </summary>
public sealed class KeyRecoveryTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Recovery_OpenedByOneOfficer_ApprovedByAnother_ReleasesTheKeyToTheRecipient_WhichOpenSslDecrypts()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        var serial = issued.GetProperty("encryption").GetProperty("serialNumber").GetString()!;
        using var first = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var second = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        var (recipientPem, recipientKeyPem) = await RecipientAsync();

        using var opened = await OpenAsync(first, serial, "The holder's smart card was destroyed; case 2026-117.", recipientPem);
        var pending = await Json(opened, HttpStatusCode.Accepted);
        var id = pending.GetProperty("id").GetString()!;
        using var approved = await ApproveAsync(second, id);
        var released = await Json(approved, HttpStatusCode.OK);

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("encryptedKey").ValueKind);
        Assert.Equal("released", released.GetProperty("status").GetString());
        Assert.Equal("cms-enveloped-data", released.GetProperty("encryptedKeyFormat").GetString());
        using var directory = new TemporaryDirectory();
        var envelope = Path.Combine(directory.Path, "released.der");
        var key = Path.Combine(directory.Path, "recipient.key");
        var recipient = Path.Combine(directory.Path, "recipient.pem");
        var encryption = Path.Combine(directory.Path, "encryption.pem");
        var decrypted = Path.Combine(directory.Path, "recovered.der");
        await File.WriteAllBytesAsync(envelope, Convert.FromBase64String(released.GetProperty("encryptedKey").GetString()!));
        await File.WriteAllTextAsync(key, recipientKeyPem);
        await File.WriteAllTextAsync(recipient, recipientPem);
        await File.WriteAllTextAsync(encryption, issued.GetProperty("encryption").GetProperty("certificate").GetString());
        await OpenSsl.OutputAsync("cms", "-decrypt", "-inform", "DER", "-in", envelope, "-inkey", key, "-recip", recipient, "-out", decrypted);
        Assert.Equal(await OpenSsl.OutputAsync("x509", "-in", encryption, "-noout", "-pubkey"), await OpenSsl.OutputAsync("pkey", "-inform", "DER", "-in", decrypted, "-pubout"));

        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=pki.ca&target=key-recovery:{id}&limit=100");
        Assert.Single(events, e => e.GetProperty("action").GetString() == "key-recovery.open" && e.GetProperty("outcome").GetString() == "success");
        var approval = Assert.Single(events, e => e.GetProperty("action").GetString() == "key-recovery.approve");
        Assert.Equal("success", approval.GetProperty("outcome").GetString());
        Assert.Equal(serial, approval.GetProperty("details").GetProperty("serial").GetString());
    }

    [Fact]
    public async Task Recovery_Sm2Key_ReleasedToTheHoldersSigningCertificate_IsAnSm2EnvelopedKeyOfTheSameKey()
    {
        var (issued, key, department) = await DualPairs.IssueAsync(Server, RequesterKey.Sm2);
        var encryption = issued.GetProperty("encryption");
        using var first = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var second = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));

        using var opened = await OpenAsync(first, encryption.GetProperty("serialNumber").GetString()!, "Lost key file", issued.GetProperty("certificate").GetString()!);
        var id = (await Json(opened, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var released = await Json(await ApproveAsync(second, id), HttpStatusCode.OK);

        Assert.Equal("sm2-enveloped-key", released.GetProperty("encryptedKeyFormat").GetString());
        var (point, _, _) = Sm2EnvelopedKeyReader.Open(Convert.FromBase64String(released.GetProperty("encryptedKey").GetString()!), key.Sm2PrivateKey!);
        var (issuedPoint, _, _) = Sm2EnvelopedKeyReader.Open(Convert.FromBase64String(encryption.GetProperty("encryptedKey").GetString()!), key.Sm2PrivateKey!);
        Assert.Equal(issuedPoint, point);
    }

    [Fact]
    public async Task Recovery_Refusals_AreCataloguedProblems_AndNothingIsReleased()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        var serial = issued.GetProperty("encryption").GetProperty("serialNumber").GetString()!;
        var signingSerial = issued.GetProperty("serialNumber").GetString()!;
        using var first = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var second = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var registrationOfficer = Server.HttpsClient(await PersonAsync(Server, department, "registration-officer"));
        var otherDepartment = await DepartmentAsync(Server);
        using var otherOfficer = Server.HttpsClient(await PersonAsync(Server, otherDepartment, "key-recovery-officer"));
        var (recipientPem, _) = await RecipientAsync();
        const string reason = "Audit of case 2026-118";

        await ProblemAssert.IsProblemAsync(await OpenAsync(clerk, serial, reason, recipientPem), HttpStatusCode.Forbidden, "key-recovery-denied");
        await ProblemAssert.IsProblemAsync(await OpenAsync(registrationOfficer, serial, reason, recipientPem), HttpStatusCode.Forbidden, "key-recovery-denied");
        await ProblemAssert.IsProblemAsync(await OpenAsync(otherOfficer, serial, reason, recipientPem), HttpStatusCode.Forbidden, "key-recovery-denied");
        await ProblemAssert.IsProblemAsync(await OpenAsync(first, "7a3f00112233445566", reason, recipientPem), HttpStatusCode.NotFound, "certificate-unknown");
        await ProblemAssert.IsProblemAsync(await OpenAsync(first, signingSerial, reason, recipientPem), HttpStatusCode.NotFound, "escrowed-key-unknown");
        await ProblemAssert.IsProblemAsync(await OpenAsync(first, "not-a-serial", reason, recipientPem), HttpStatusCode.BadRequest, "serial-invalid");
        await ProblemAssert.IsProblemAsync(await OpenAsync(first, serial, "", recipientPem), HttpStatusCode.BadRequest, "key-recovery-reason-invalid");
        await ProblemAssert.IsProblemAsync(await OpenAsync(first, serial, reason, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
            HttpStatusCode.BadRequest, "key-recovery-recipient-invalid");
        await ProblemAssert.IsProblemAsync(await OpenAsync(first, serial, reason, SelfSignedPem()), HttpStatusCode.BadRequest, "key-recovery-recipient-invalid");
        // An SM2EnvelopedKey carries SM2 keys only: an ECDSA key is not released to an SM2 certificate.
        var sm2Recipient = await Server.IssueAsync(RequesterKey.Create(RequesterKey.Sm2, "CN=SM2 agent,O=City").CsrPem, "tls-client");
        await ProblemAssert.IsProblemAsync(await OpenAsync(first, serial, reason, sm2Recipient.Certificate), HttpStatusCode.BadRequest, "key-recovery-recipient-invalid");

        using var opened = await OpenAsync(first, serial, reason, recipientPem);
        var id = (await Json(opened, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await ProblemAssert.IsProblemAsync(await ApproveAsync(first, id), HttpStatusCode.Forbidden, "key-recovery-approver-is-opener");
        await ProblemAssert.IsProblemAsync(await ApproveAsync(clerk, id), HttpStatusCode.Forbidden, "key-recovery-denied");
        await ProblemAssert.IsProblemAsync(await ApproveAsync(otherOfficer, id), HttpStatusCode.Forbidden, "key-recovery-denied");
        await ProblemAssert.IsProblemAsync(await ApproveAsync(second, "0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound, "key-recovery-unknown");
        await ProblemAssert.IsProblemAsync(await clerk.GetAsync($"/pki/key-recoveries/{id}"), HttpStatusCode.NotFound, "key-recovery-unknown");
        var stillPending = await Json(await second.GetAsync($"/pki/key-recoveries/{id}"), HttpStatusCode.OK);
        Assert.Equal("pending", stillPending.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stillPending.GetProperty("encryptedKey").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await ApproveAsync(second, id)).StatusCode);
        await ProblemAssert.IsProblemAsync(await ApproveAsync(second, id), HttpStatusCode.Conflict, "key-recovery-closed");

        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=pki.ca&target=key-recovery:{id}&limit=100");
        Assert.Single(events, e => e.GetProperty("action").GetString() == "key-recovery.approve" && e.GetProperty("outcome").GetString() == "success");
        Assert.Single(events, e => e.GetProperty("action").GetString() == "key-recovery.approve" && e.GetProperty("outcome").GetString() == "denied"
            && e.GetProperty("details").GetProperty("code").GetString() == "key-recovery-approver-is-opener");
        var refusedOpenings = await AuditEvents.ListAsync(admin, $"?module=pki.ca&action=key-recovery.open&target={serial}&limit=100");
        Assert.Contains(refusedOpenings, e => e.GetProperty("outcome").GetString() == "denied" && e.GetProperty("details").GetProperty("code").GetString() == "key-recovery-denied");
        Assert.Contains(refusedOpenings, e => e.GetProperty("details").GetProperty("code").GetString() == "key-recovery-recipient-invalid");
    }

    [Fact]
    public async Task Recovery_RacingApprovalsOfTwoOfficers_ReleaseOnce()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        var serial = issued.GetProperty("encryption").GetProperty("serialNumber").GetString()!;
        using var opener = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var second = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var third = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        var (recipientPem, _) = await RecipientAsync();
        var id = (await Json(await OpenAsync(opener, serial, "Court order 2026-9", recipientPem), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        var race = await Task.WhenAll(ApproveAsync(second, id), ApproveAsync(third, id));

        Assert.Single(race, r => r.StatusCode == HttpStatusCode.OK);
        await ProblemAssert.IsProblemAsync(Assert.Single(race, r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict, "key-recovery-closed");
        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=pki.ca&target=key-recovery:{id}&action=key-recovery.approve&limit=100");
        Assert.Single(events, e => e.GetProperty("outcome").GetString() == "success");
        Assert.Single(events, e => e.GetProperty("outcome").GetString() == "failure");
    }

    [Fact]
    public async Task Recoveries_AreListedToTheDepartmentsKeyRecoveryOfficers_ByStatus_AndToNobodyElse()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        using var opener = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var second = Server.HttpsClient(await PersonAsync(Server, department, "key-recovery-officer"));
        using var clerk = Server.HttpsClient(await PersonAsync(Server, department));
        using var otherOfficer = Server.HttpsClient(await PersonAsync(Server, await DepartmentAsync(Server), "key-recovery-officer"));
        var id = (await Json(await OpenAsync(opener, issued.GetProperty("encryption").GetProperty("serialNumber").GetString()!, "Listed", issued.GetProperty("certificate").GetString()!),
            HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        var pending = await ListedAsync(second, "?status=pending");
        var hidden = (await ListedAsync(clerk, "")).Concat(await ListedAsync(otherOfficer, "")).ToList();
        Assert.Equal(HttpStatusCode.OK, (await ApproveAsync(second, id)).StatusCode);
        var released = await ListedAsync(opener, "?status=released");
        var stillPending = await ListedAsync(opener, "?status=pending");
        using var admin = Server.AdminClient();
        var all = await ListedAsync(admin, "?limit=1000");

        Assert.Contains(id, pending);
        Assert.DoesNotContain(id, hidden);
        Assert.Contains(id, released);
        Assert.DoesNotContain(id, stillPending);
        Assert.Contains(id, all);
        await ProblemAssert.IsProblemAsync(await second.GetAsync("/pki/key-recoveries?status=lost"), HttpStatusCode.BadRequest, "status-invalid");
        await ProblemAssert.IsProblemAsync(await second.GetAsync("/pki/key-recoveries?cursor=x"), HttpStatusCode.BadRequest, "cursor-invalid");
    }

    private static async Task<List<string>> ListedAsync(HttpClient client, string query)
    {
        var page = await Json(await client.GetAsync("/pki/key-recoveries" + query), HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
    }

    internal static Task<HttpResponseMessage> OpenAsync(HttpClient client, string serial, string reason, string recipient) =>
        client.PostAsJsonAsync("/pki/key-recoveries", new { serialNumber = serial, reason, recipient });

    internal static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string id) =>
        client.PostAsJsonAsync($"/pki/key-recoveries/{id}/approve", new { comment = "Second officer: checked the case file." });

    internal static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A recovery agent's RSA certificate from this CA, and its key.</summary>
    private async Task<(string Certificate, string KeyPem)> RecipientAsync()
    {
        using var key = RSA.Create(2048);
        var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Recovery agent,O=City", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var issued = await Server.IssueAsync(csr.CreateSigningRequestPem(), "tls-client");
        return (issued.Certificate, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A certificate this CA never issued.</summary>
    private static string SelfSignedPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Outsider", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
