using System.Net;
using System.Text.RegularExpressions;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Est;

/// <summary>
/// EST <c>simpleenroll</c> by TLS client certificate alone under a department's label (RFC 7030
/// §3.2.2, §4.2.3): the CSR waits as a certificate request for the department's officers; the
/// client repeats the same POST and gets 202 until it is decided, then the certificate or a refusal.
/// </summary>
public sealed partial class EstManualApprovalTests
{
    [Fact]
    public async Task SimpleEnroll_ByCertificate_WaitsForApproval_AcrossARestart_ThenIssues_AndEachStepIsAuditedOnce()
    {
        using var data = new TemporaryDirectory();
        using var work = new TemporaryDirectory();
        string department, id, csr, certificate, key;
        System.Security.Cryptography.X509Certificates.X509Certificate2 officerCertificate;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            department = await DepartmentAsync(first, profiles: ["tls-server"]);
            (certificate, key) = await EstCurl.PemFilesAsync(work, await PersonAsync(first, department));
            officerCertificate = await PersonAsync(first, department, "registration-officer");
            var host = $"www.{department}.city.example";
            csr = await EstCurl.CsrAsync(work, await EstCurl.KeyAsync(work), $"/O=City Finance/CN={host}", $"subjectAltName=DNS:{host}");

            var queued = await EstCurl.RunAsync(first, work, $"/.well-known/est/{department}/simpleenroll", csr, certificate, key, includeHeaders: true);
            var again = await EstCurl.RunAsync(first, work, $"/.well-known/est/{department}/simpleenroll", csr, certificate, key);

            Assert.Equal((202, "text/plain; charset=utf-8"), (queued.Status, queued.ContentType));
            Assert.Matches(@"(?im)^Retry-After: 60\r?$", queued.Body);
            id = RequestId(queued.Body);
            Assert.Equal(202, again.Status);
            Assert.Equal(id, RequestId(again.Body));
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        var pending = await EstCurl.RunAsync(second, work, $"/.well-known/est/{department}/simpleenroll", csr, certificate, key);
        using var officer = second.HttpsClient(officerCertificate);
        using var approved = await ApproveAsync(officer, id);
        var issued = await EstCurl.RunAsync(second, work, $"/.well-known/est/{department}/simpleenroll", csr, certificate, key);

        Assert.Equal((202, id), (pending.Status, RequestId(pending.Body)));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.True(issued.Status == 200, issued.Body);
        Assert.Contains($"CN = www.{department}.city.example", await EstCurl.PrintCertsAsync(work, issued.Body), StringComparison.Ordinal);
        using var admin = second.AdminClient();
        var trail = await AuditEvents.ListAsync(admin, $"?target=request:{id}&limit=100");
        Assert.Equal(
            ["est.simpleenroll:success", "certificate-request.approve:success", "est.simpleenroll:success", "est.simpleenroll:success", "certificate-request.submit:success"],
            trail.Select(e => $"{e.GetProperty("action").GetString()}:{e.GetProperty("outcome").GetString()}"));
    }

    [Fact]
    public async Task SimpleEnroll_ByCertificate_Rejected_IsRefusedInPlainText_AndAnUnknownLabelIsNotFound()
    {
        using var data = new TemporaryDirectory();
        using var work = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path);
        var department = await DepartmentAsync(server, profiles: ["tls-server"]);
        var (certificate, key) = await EstCurl.PemFilesAsync(work, await PersonAsync(server, department));
        using var officer = server.HttpsClient(await PersonAsync(server, department, "registration-officer"));
        var host = $"api.{department}.city.example";
        var csr = await EstCurl.CsrAsync(work, await EstCurl.KeyAsync(work), $"/O=City Finance/CN={host}", $"subjectAltName=DNS:{host}");
        var foreign = await EstCurl.CsrAsync(work, await EstCurl.KeyAsync(work), "/O=City Finance/CN=www.bank.example", "subjectAltName=DNS:www.bank.example");

        var queued = await EstCurl.RunAsync(server, work, $"/.well-known/est/{department}/simpleenroll", csr, certificate, key);
        using var rejected = await RejectAsync(officer, RequestId(queued.Body), "not a server of ours");
        var refused = await EstCurl.RunAsync(server, work, $"/.well-known/est/{department}/simpleenroll", csr, certificate, key);
        var outside = await EstCurl.RunAsync(server, work, $"/.well-known/est/{department}/simpleenroll", foreign, certificate, key);
        var unknown = await EstCurl.RunAsync(server, work, "/.well-known/est/no-such-department/simpleenroll", csr, certificate, key);
        var unknownCaCerts = await EstCurl.RunAsync(server, work, "/.well-known/est/no-such-department/cacerts");
        var labelledCaCerts = await EstCurl.RunAsync(server, work, $"/.well-known/est/{department}/cacerts");

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal((403, "text/plain; charset=utf-8"), (refused.Status, refused.ContentType));
        Assert.Contains("not a server of ours", refused.Body, StringComparison.Ordinal);
        Assert.Equal(403, outside.Status);
        Assert.Contains("www.bank.example", outside.Body, StringComparison.Ordinal);
        Assert.Equal((404, "text/plain; charset=utf-8"), (unknown.Status, unknown.ContentType));
        Assert.Equal(404, unknownCaCerts.Status);
        Assert.Equal(200, labelledCaCerts.Status);
        Assert.Contains("Issuing CA", await EstCurl.PrintCertsAsync(work, labelledCaCerts.Body), StringComparison.Ordinal);
    }

    private static string RequestId(string body) => RequestIdPattern().Match(body) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException(body);

    [GeneratedRegex("Certificate request ([0-9a-f]{32}) waits")]
    private static partial Regex RequestIdPattern();
}
