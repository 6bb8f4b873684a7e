using System.Text.Json;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Est;

/// <summary>
/// Bad EST requests get their RFC 7030 status with a plain-text reason (§4.2.3), never a 500, and
/// leave nothing behind: no certificate, no request, the one-time secret still unspent.
/// </summary>
public sealed class EstBadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("simpleenroll")]
    [InlineData("serverkeygen")]
    public async Task BadRequests_WithASecret_AreRefusedInPlainText_IssueNothing_AndLeaveTheSecretUnspent(string operation)
    {
        using var work = new TemporaryDirectory();
        var department = await DepartmentAsync(Server, profiles: ["tls-server"]);
        var credentials = await EstCurl.SecretAsync(Server, department);
        var key = await EstCurl.KeyAsync(work);
        var host = $"bad-{Guid.NewGuid():n}"[..12] + $".{department}.city.example";
        var good = await EstCurl.CsrAsync(work, key, $"/O=City Finance/CN={host}", $"subjectAltName=DNS:{host}");
        var outside = await EstCurl.CsrAsync(work, key, "/O=City Finance/CN=www.bank.example", "subjectAltName=DNS:www.bank.example");
        var path = $"/.well-known/est/{department}/{operation}";

        var answers = new Dictionary<string, (int Status, string Type, string Body)>();
        async Task SendAsync(string name, string body, string? to = null, string contentType = "application/pkcs10", string? basic = null)
        {
            var answer = await EstCurl.RunAsync(Server, work, to ?? path, body, contentType: contentType, basic: basic ?? credentials);
            answers[name] = (answer.Status, answer.ContentType, answer.Body);
        }

        await SendAsync("not base64", await FileAsync(work, "this is not base64 !!"));
        await SendAsync("base64, not DER", await FileAsync(work, Convert.ToBase64String("not a DER request"u8.ToArray())));
        await SendAsync("wrong type", good, contentType: "application/json");
        await SendAsync("too large", await FileAsync(work, new string('A', 70 * 1024)));
        await SendAsync("unknown label", good, to: $"/.well-known/est/no-such-department/{operation}");
        await SendAsync("other department's label", good, to: $"/.well-known/est/{await DepartmentAsync(Server, profiles: ["tls-server"])}/{operation}");
        await SendAsync("outside the name spaces", outside);
        await SendAsync("wrong secret", good, basic: credentials[..credentials.IndexOf(':')] + ":guess");

        Assert.Equal(new Dictionary<string, int>
        {
            ["not base64"] = 400,
            ["base64, not DER"] = 400,
            ["wrong type"] = 415,
            ["too large"] = 413,
            ["unknown label"] = 404,
            ["other department's label"] = 401,
            ["outside the name spaces"] = 403,
            ["wrong secret"] = 401,
        }.Select(e => $"{e.Key}: {e.Value}"), answers.Select(a => $"{a.Key}: {a.Value.Status}"));
        Assert.All(answers.Values, a => Assert.Equal("text/plain; charset=utf-8", a.Type));
        Assert.Empty(await CertificatesAsync(host));

        var issued = await EstCurl.RunAsync(Server, work, path, good, basic: credentials);
        var spent = await EstCurl.RunAsync(Server, work, path, good, basic: credentials);

        Assert.True(issued.Status == 200, issued.Body);
        Assert.Equal(401, spent.Status);
        Assert.Single(await CertificatesAsync(host));
        // Each refusal that reached the secret is one event on it (simpleenroll reads the CSR after the secret, serverkeygen
        // before: "not DER" is among them for simpleenroll only); the enrollment is one event, the issuance naming the secret.
        var secretId = credentials[..credentials.IndexOf(':')];
        using var admin = Server.AdminClient();
        var onSecret = await Audit.AuditEvents.ListAsync(admin, $"?target=enrollment-secret:{secretId}&limit=100");
        Assert.Equal([.. Enumerable.Repeat($"est.{operation}:failure", operation == "simpleenroll" ? 5 : 4), "enrollment-secret.create:success"], onSecret.Select(e => $"{e.GetProperty("action").GetString()}:{e.GetProperty("outcome").GetString()}"));
        var issuances = await Audit.AuditEvents.ListAsync(admin, "?action=certificate.issue&outcome=success&limit=1000");
        Assert.Single(issuances, e => e.GetProperty("details").TryGetProperty("enrollmentSecret", out var id) && id.GetString() == secretId);
    }

    [Fact]
    public async Task BadRequests_ByCertificate_UnderALabel_AreRefusedInPlainText_AndQueueNothing()
    {
        using var work = new TemporaryDirectory();
        var department = await DepartmentAsync(Server, profiles: ["tls-server"]);
        var (certificate, clientKey) = await EstCurl.PemFilesAsync(work, await PersonAsync(Server, department));
        var key = await EstCurl.KeyAsync(work);
        var outside = await EstCurl.CsrAsync(work, key, "/O=City Finance/CN=www.bank.example", "subjectAltName=DNS:www.bank.example");
        var path = $"/.well-known/est/{department}/simpleenroll";

        var garbage = await EstCurl.RunAsync(Server, work, path, await FileAsync(work, "%%%"), certificate, clientKey);
        var wrongType = await EstCurl.RunAsync(Server, work, path, outside, certificate, clientKey, contentType: "text/plain");
        var foreign = await EstCurl.RunAsync(Server, work, path, outside, certificate, clientKey);
        var anonymous = await EstCurl.RunAsync(Server, work, path, outside);

        Assert.Equal((400, 415, 403, 401), (garbage.Status, wrongType.Status, foreign.Status, anonymous.Status));
        Assert.All([garbage, wrongType, foreign, anonymous], a => Assert.Equal("text/plain; charset=utf-8", a.ContentType));
        using var admin = Server.AdminClient();
        using var requests = JsonDocument.Parse(await admin.GetStringAsync($"/pki/requests?department={department}"));
        Assert.Empty(requests.RootElement.GetProperty("items").EnumerateArray());
    }

    private static async Task<string> FileAsync(TemporaryDirectory work, string text)
    {
        var file = Path.Combine(work.Path, $"body-{Guid.NewGuid():n}");
        await File.WriteAllTextAsync(file, text);
        return file;
    }

    private async Task<List<JsonElement>> CertificatesAsync(string host)
    {
        using var admin = Server.AdminClient();
        using var found = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates?subject={Uri.EscapeDataString(host)}"));
        return [.. found.RootElement.GetProperty("certificates").EnumerateArray().Select(e => e.Clone())];
    }
}
