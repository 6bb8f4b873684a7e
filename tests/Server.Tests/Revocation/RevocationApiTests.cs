using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Server.Tests.Revocation;

public sealed class RevocationApiTests(RevocationFixture fixture) : IClassFixture<RevocationFixture>
{
    [Fact]
    public async Task Revoke_ValidCertificate_ReportsRevokedWithReason()
    {
        var serial = await fixture.IssueToFileAsync("api-revoke");

        using var response = await RevokeAsync(serial, "keyCompromise", DateTimeOffset.UtcNow.AddDays(-2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("revoked", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("keyCompromise", body.RootElement.GetProperty("revocationReason").GetString());
    }

    [Fact]
    public async Task Revoke_Twice_Returns409()
    {
        var serial = await fixture.IssueToFileAsync("api-twice");
        (await RevokeAsync(serial, "superseded")).Dispose();

        using var response = await RevokeAsync(serial, "keyCompromise");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "certificate-already-revoked");
    }

    [Fact]
    public async Task Revoke_UnknownSerial_Returns404()
    {
        using var response = await RevokeAsync("7fffffffffffffff0123", "keyCompromise");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "certificate-unknown");
    }

    [Theory]
    [InlineData("stolen", "reason-invalid")]
    [InlineData("", "reason-invalid")]
    [InlineData("KEYCOMPROMISE", "reason-invalid")]
    public async Task Revoke_UnknownReason_Returns400(string reason, string code)
    {
        var serial = await fixture.IssueToFileAsync("api-reason-" + Guid.NewGuid().ToString("n")[..6]);

        using var response = await RevokeAsync(serial, reason);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Revoke_BadSerial_Returns400()
    {
        using var response = await RevokeAsync("not-hex", "keyCompromise");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "serial-invalid");
    }

    [Fact]
    public async Task Hold_ThenRemoveFromCrl_MakesTheCertificateValidAgain()
    {
        var serial = await fixture.IssueToFileAsync("api-hold");
        (await RevokeAsync(serial, "certificateHold")).Dispose();

        using var response = await RevokeAsync(serial, "removeFromCRL");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("valid", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Hold_ThenKeyCompromise_MakesTheRevocationPermanent()
    {
        var serial = await fixture.IssueToFileAsync("api-hold-permanent");
        (await RevokeAsync(serial, "certificateHold")).Dispose();

        using var revoked = await RevokeAsync(serial, "keyCompromise");
        using var lift = await RevokeAsync(serial, "removeFromCRL");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await ProblemAssert.IsProblemAsync(lift, HttpStatusCode.Conflict, "certificate-not-on-hold");
    }

    [Fact]
    public async Task RemoveFromCrl_OnValidCertificate_Returns409()
    {
        var serial = await fixture.IssueToFileAsync("api-lift-valid");

        using var response = await RevokeAsync(serial, "removeFromCRL");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "certificate-not-on-hold");
    }

    [Fact]
    public async Task Revoke_WithoutAdministratorCertificate_Returns401()
    {
        var serial = await fixture.IssueToFileAsync("api-anonymous");
        using var anonymous = fixture.Server.HttpsClient();

        using var response = await anonymous.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "client-certificate-required");
    }

    private async Task<HttpResponseMessage> RevokeAsync(string serial, string reason, DateTimeOffset? invalidityDate = null)
    {
        using var admin = fixture.Server.AdminClient();
        return await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason, invalidityDate });
    }
}
