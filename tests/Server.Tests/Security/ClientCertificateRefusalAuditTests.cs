using Server.Tests.Audit;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Server.Tests.Security;

/// <summary>A refused client certificate proves nothing about its sender: the trail records what it claimed, not who sent it.</summary>
public sealed class ClientCertificateRefusalAuditTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task ForgedAdministratorCertificate_Refused_RecordedWithAnonymousActorAndUnverifiedSubject()
    {
        // The bootstrap administrator's subject, self-signed: what a forger would present.
        const string subject = "CN=Bootstrap Administrator,O=SecurityPlatform";
        using var forged = AuditorCertificates.Foreign(subject);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(forged.RawData));
        using (var forger = Server.HttpsClient(forged))
        using (var refused = await forger.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = "tls-server" }))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "client-certificate-refused");
        }

        using var admin = Server.AdminClient();
        var denied = await AuditEvents.ListAsync(admin, "?module=platform&action=authentication.client-certificate&outcome=denied&limit=1000");
        var mine = Assert.Single(denied, e => e.GetProperty("details").TryGetProperty("presentedFingerprint", out var f) && f.GetString() == fingerprint);
        var details = mine.GetProperty("details");
        Assert.Equal("false", details.GetProperty("verified").GetString());
        Assert.Contains("Bootstrap Administrator", details.GetProperty("presentedSubject").GetString(), StringComparison.Ordinal);
        Assert.Equal(forged.SerialNumber.ToLowerInvariant().TrimStart('0'), details.GetProperty("presentedSerial").GetString()!.TrimStart('0'));
        Assert.False(mine.TryGetProperty("actor", out var actor) && actor.TryGetProperty("subject", out var named) && named.GetString() is not null,
            $"the refused certificate's subject is recorded as the actor: {mine}");
        var byActor = await AuditEvents.ListAsync(admin, "?action=authentication.client-certificate&actor=" + Uri.EscapeDataString(subject));
        Assert.Empty(byActor);
    }

    [Fact]
    public async Task RevokedOnOpenConnection_Refused_RecordedAsVerifiedPresentedCertificate()
    {
        using var certificate = await AuditorCertificates.IssueAsync(Server, "CN=Departing Officer,O=City");
        var serial = certificate.SerialNumber.TrimStart('0').ToLowerInvariant();
        using var officer = new OneConnectionClient(Server.Https, certificate, HttpVersion.Version11);
        (await officer.Client.GetAsync("/audit/events?limit=1")).Dispose();
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).Dispose();

        (await officer.Client.GetAsync("/audit/events?limit=1")).Dispose();

        var denied = await AuditEvents.ListAsync(admin, "?module=platform&action=authentication.client-certificate&outcome=denied&limit=1000");
        var mine = Assert.Single(denied, e => e.GetProperty("details").GetProperty("presentedSerial").GetString() == serial);
        Assert.Equal("true", mine.GetProperty("details").GetProperty("verified").GetString());
        Assert.Equal("The client certificate has been revoked.", mine.GetProperty("details").GetProperty("reason").GetString());
    }
}
