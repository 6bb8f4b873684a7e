using Server.Tests.Audit;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;

namespace Server.Tests.Security;

/// <summary>
/// A revocation or a hold takes effect on the next request, also on a TLS connection opened, and its
/// certificate judged, before it.
/// </summary>
public sealed class ClientCertificateRevocationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("1.1", "keyCompromise")]
    [InlineData("1.1", "certificateHold")]
    [InlineData("2.0", "keyCompromise")]
    [InlineData("2.0", "certificateHold")]
    public async Task OpenConnection_CertificateRevokedOrHeld_NextRequestOnSameConnectionRefused(string version, string reason)
    {
        var marker = Guid.NewGuid().ToString("n")[..10];
        using var certificate = await AuditorCertificates.IssueAsync(Server, $"CN=Officer {marker},O=City");
        var serial = certificate.SerialNumber.TrimStart('0').ToLowerInvariant();
        using var officer = new OneConnectionClient(Server.Https, certificate, Version.Parse(version));

        using (var before = await officer.Client.GetAsync("/audit/events?limit=1"))
        {
            Assert.True(before.StatusCode == HttpStatusCode.OK, await before.Content.ReadAsStringAsync());
            Assert.Equal(Version.Parse(version), before.Version);
        }

        using (var admin = Server.AdminClient())
        using (var revoke = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason }))
        {
            Assert.True(revoke.StatusCode == HttpStatusCode.OK, await revoke.Content.ReadAsStringAsync());
        }

        using var after = await officer.Client.GetAsync("/audit/events?limit=1");

        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized, "client-certificate-refused");
        Assert.Equal(1, officer.Connections);
    }

    [Fact]
    public async Task OpenConnection_HoldLifted_NewConnectionAcceptedAgain()
    {
        using var certificate = await AuditorCertificates.IssueAsync(Server, "CN=Held Officer,O=City");
        var serial = certificate.SerialNumber.TrimStart('0').ToLowerInvariant();
        using var admin = Server.AdminClient();
        using (var officer = new OneConnectionClient(Server.Https, certificate, HttpVersion.Version11))
        {
            (await officer.Client.GetAsync("/audit/events?limit=1")).Dispose();
            (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "certificateHold" })).Dispose();
            using var held = await officer.Client.GetAsync("/audit/events?limit=1");
            await ProblemAssert.IsProblemAsync(held, HttpStatusCode.Unauthorized, "client-certificate-refused");
        }

        using (var release = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "removeFromCRL" }))
        {
            Assert.True(release.StatusCode == HttpStatusCode.OK, await release.Content.ReadAsStringAsync());
        }

        using var again = new OneConnectionClient(Server.Https, certificate, HttpVersion.Version11);
        using var response = await again.Client.GetAsync("/audit/events?limit=1");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
