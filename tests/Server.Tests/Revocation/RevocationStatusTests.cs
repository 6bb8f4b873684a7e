using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;

namespace Server.Tests.Revocation;

/// <summary><c>GET /pki/certificates/{serial}/revocation-status</c>: the OCSP answer and the CRL a relying party would get, checked as it would check them.</summary>
public sealed class RevocationStatusTests(RevocationFixture fixture) : IClassFixture<RevocationFixture>
{
    [Fact]
    public async Task Status_BeforeAndAfterRevocation_OcspAndCrlAgree()
    {
        var serial = await fixture.IssueToFileAsync("status-revoke");
        using var admin = fixture.Server.AdminClient();

        var before = await StatusAsync(admin, serial);
        (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
        var after = await StatusAsync(admin, serial);

        Assert.Equal("good", before.GetProperty("ocsp").GetProperty("status").GetString());
        Assert.True(before.GetProperty("ocsp").GetProperty("signatureValid").GetBoolean());
        Assert.False(before.GetProperty("crl").GetProperty("listed").GetBoolean());
        Assert.True(before.GetProperty("crl").GetProperty("signatureValid").GetBoolean());
        var ocsp = after.GetProperty("ocsp");
        Assert.Equal("revoked", ocsp.GetProperty("status").GetString());
        Assert.Equal("keyCompromise", ocsp.GetProperty("reason").GetString());
        Assert.True(ocsp.GetProperty("signatureValid").GetBoolean());
        var crl = after.GetProperty("crl");
        Assert.True(crl.GetProperty("listed").GetBoolean());
        Assert.Equal("keyCompromise", crl.GetProperty("reason").GetString());
        Assert.True(crl.GetProperty("number").GetInt64() > before.GetProperty("crl").GetProperty("number").GetInt64());
    }

    [Theory]
    [InlineData("7fffffffffffffff0123", HttpStatusCode.NotFound, "certificate-unknown")]
    [InlineData("not-hex", HttpStatusCode.BadRequest, "serial-invalid")]
    public async Task Status_UnknownOrBadSerial_IsAProblem(string serial, HttpStatusCode status, string code)
    {
        using var admin = fixture.Server.AdminClient();
        using var response = await admin.GetAsync($"/pki/certificates/{serial}/revocation-status");

        await ProblemAssert.IsProblemAsync(response, status, code);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient admin, string serial)
    {
        using var response = await admin.GetAsync($"/pki/certificates/{serial}/revocation-status");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
