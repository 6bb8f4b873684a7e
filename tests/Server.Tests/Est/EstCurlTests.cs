using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using TestSupport;

namespace Server.Tests.Est;

/// <summary>
/// EST (RFC 7030) driven the way the RFC's examples drive it, with curl and openssl: base64 DER
/// bodies, certs-only PKCS#7 answers read by <c>openssl pkcs7 -print_certs</c>.
/// </summary>
public sealed class EstCurlTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task CaCerts_AreTheIssuingCaAndItsRoot_InACertsOnlyPkcs7()
    {
        using var work = new TemporaryDirectory();
        var answer = await CurlAsync(work, "/.well-known/est/cacerts");

        var printed = await PrintCertsAsync(work, answer.Body);

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("application/pkcs7-mime", answer.ContentType, StringComparison.Ordinal);
        var subjects = printed.Split('\n').Where(l => l.StartsWith("subject=", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, subjects.Count);
        Assert.Contains(subjects, s => s.Contains("Issuing CA", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("Root CA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SimpleReenroll_WithTheCurrentCertificate_IssuesANewOneForTheSameNames()
    {
        using var work = new TemporaryDirectory();
        var (certificate, key, subject) = await ClientCertificateAsync(work);
        var csr = await CsrAsync(work, key, subject);

        var answer = await CurlAsync(work, "/.well-known/est/simplereenroll", csr, certificate, key);
        var printed = await PrintCertsAsync(work, answer.Body);

        Assert.True(answer.Status == 200, answer.Body);
        Assert.Contains($"subject={subject.Replace("/", ", ", StringComparison.Ordinal).TrimStart(',', ' ').Replace("=", " = ", StringComparison.Ordinal)}", printed, StringComparison.Ordinal);
        var renewed = Path.Combine(work.Path, "renewed.pem");
        await File.WriteAllTextAsync(renewed, printed);
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", Server.DataFile("root-ca.pem"), "-untrusted", Server.DataFile("issuing-ca.pem"), renewed);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.NotEqual(await SerialAsync(certificate), await SerialAsync(renewed));
    }

    [Fact]
    public async Task SimpleReenroll_ForOtherNames_WithoutACertificate_OrWithABadBody_IsRefusedInPlainText()
    {
        using var work = new TemporaryDirectory();
        var (certificate, key, subject) = await ClientCertificateAsync(work);
        var otherName = await CsrAsync(work, key, subject + "-renamed");
        var good = await CsrAsync(work, key, subject);
        var notBase64 = Path.Combine(work.Path, "bad.b64");
        await File.WriteAllTextAsync(notBase64, "this is not base64 !!");

        var renamed = await CurlAsync(work, "/.well-known/est/simplereenroll", otherName, certificate, key);
        var anonymous = await CurlAsync(work, "/.well-known/est/simplereenroll", good);
        var garbage = await CurlAsync(work, "/.well-known/est/simplereenroll", notBase64, certificate, key);
        var wrongType = await CurlAsync(work, "/.well-known/est/simplereenroll", good, certificate, key, contentType: "application/json");

        Assert.Equal((400, "text/plain; charset=utf-8"), (renamed.Status, renamed.ContentType));
        Assert.Contains("same subject alternative names", renamed.Body, StringComparison.Ordinal);
        Assert.Equal(401, anonymous.Status);
        Assert.Equal(400, garbage.Status);
        Assert.Contains("not base64", garbage.Body, StringComparison.Ordinal);
        Assert.Equal(415, wrongType.Status);
    }

    [Fact]
    public async Task SimpleEnroll_WithAOneTimeSecretFromAnOfficer_IssuesOnce_ForTheDepartmentsNamesOnly()
    {
        using var work = new TemporaryDirectory();
        var department = await Registration.RegistrationFixture.DepartmentAsync(Server, profiles: ["tls-server"]);
        using var officer = Server.HttpsClient(await Registration.RegistrationFixture.PersonAsync(Server, department, "registration-officer"));
        using var clerk = Server.HttpsClient(await Registration.RegistrationFixture.PersonAsync(Server, department));
        using var handedOut = await officer.PostAsJsonAsync($"/pki/departments/{department}/enrollment-secrets", new { profile = "tls-server" });
        using var byClerk = await clerk.PostAsJsonAsync($"/pki/departments/{department}/enrollment-secrets", new { profile = "tls-server" });
        Assert.True(handedOut.StatusCode == HttpStatusCode.Created, await handedOut.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(byClerk, HttpStatusCode.Forbidden, "registration-denied");
        using var secret = JsonDocument.Parse(await handedOut.Content.ReadAsStringAsync());
        var credentials = $"{secret.RootElement.GetProperty("id").GetString()}:{secret.RootElement.GetProperty("secret").GetString()}";
        var key = Path.Combine(work.Path, "server.key");
        await OpenSsl.OutputAsync("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
        var inside = await CsrAsync(work, key, $"/O=City Finance/CN=www.{department}.city.example", $"subjectAltName=DNS:www.{department}.city.example");
        var outside = await CsrAsync(work, key, "/O=City Finance/CN=www.bank.example", "subjectAltName=DNS:www.bank.example");

        var foreign = await CurlAsync(work, "/.well-known/est/simpleenroll", outside, basic: credentials);
        var enrolled = await CurlAsync(work, "/.well-known/est/simpleenroll", inside, basic: credentials);
        var again = await CurlAsync(work, "/.well-known/est/simpleenroll", inside, basic: credentials);
        var guessed = await CurlAsync(work, "/.well-known/est/simpleenroll", inside, basic: credentials[..credentials.IndexOf(':')] + ":guess");
        var none = await CurlAsync(work, "/.well-known/est/simpleenroll", inside);

        Assert.Equal(403, foreign.Status);
        Assert.Contains("www.bank.example", foreign.Body, StringComparison.Ordinal);
        Assert.True(enrolled.Status == 200, enrolled.Body);
        Assert.Contains($"CN = www.{department}.city.example", await PrintCertsAsync(work, enrolled.Body), StringComparison.Ordinal);
        Assert.Equal(401, again.Status);
        Assert.Equal(401, guessed.Status);
        Assert.Equal(401, none.Status);
    }

    /// <summary>A tls-client certificate for a key openssl made, subject in openssl's order; the files and the subject.</summary>
    private async Task<(string Certificate, string Key, string Subject)> ClientCertificateAsync(TemporaryDirectory work)
    {
        var subject = $"/O=City/CN=est-client-{Guid.NewGuid():n}";
        var key = Path.Combine(work.Path, "client.key");
        var csr = Path.Combine(work.Path, "client.csr");
        await OpenSsl.OutputAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-subj", subject, "-out", csr);
        var issued = await Server.IssueAsync(await File.ReadAllTextAsync(csr), "tls-client");
        var certificate = Path.Combine(work.Path, "client.pem");
        await File.WriteAllTextAsync(certificate, issued.Certificate);
        return (certificate, key, subject);
    }

    private static Task<string> CsrAsync(TemporaryDirectory work, string key, string subject, string? extension = null) =>
        EstCurl.CsrAsync(work, key, subject, extension);

    private static Task<string> PrintCertsAsync(TemporaryDirectory work, string base64Body) => EstCurl.PrintCertsAsync(work, base64Body);

    private static async Task<string> SerialAsync(string certificateFile) => (await OpenSsl.OutputAsync("x509", "-in", certificateFile, "-noout", "-serial")).Trim();

    private Task<CurlAnswer> CurlAsync(
        TemporaryDirectory work, string path, string? bodyFile = null, string? certificate = null, string? key = null, string contentType = "application/pkcs10",
        string? basic = null) =>
        EstCurl.RunAsync(Server, work, path, bodyFile, certificate, key, contentType, basic);
}
