using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Pki.Ca.Storage;
using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Hosting;
using System.Net.Http.Json;
using TestSupport;
using static Server.Tests.Revocation.RevocationQueries;

namespace Server.Tests.Storage;

/// <summary>
/// Two nodes over one PostgreSQL database: a revocation answered by one node reaches the other
/// node's pre-signed OCSP answers and CRLs at once. Only the database's signal can deliver it
/// in time (see <see cref="TwoNodes"/>).
/// </summary>
public sealed class TwoNodeRevocationTests
{
    [Fact]
    public async Task Revocation_OnOneNode_IsInTheOtherNodesOcspAnswerAndCrlAtOnce()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);
        var serial = (await first.IssueAsync(TestCsrs.Ecdsa("CN=two-nodes.example.org", null, "two-nodes.example.org"), "tls-server")).SerialNumber;
        var request = OcspRequest(second, serial);
        Assert.Null((await AskAsync(second, request)).GetCertStatus()); // good, and now pre-signed on the second node
        Assert.Null((await CrlAsync(second)).GetRevokedCertificate(new BigInteger(serial, 16)));

        using (var admin = first.AdminClient())
        {
            (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
        }

        var status = await Eventually.FoundAsync(async () => (await AskAsync(second, request)).GetCertStatus() as RevokedStatus);
        Assert.Equal(CrlReason.KeyCompromise, status.RevocationReason);
        var entry = await Eventually.FoundAsync(async () => (await CrlAsync(second)).GetRevokedCertificate(new BigInteger(serial, 16)));
        Assert.Equal(CrlReason.KeyCompromise, CrlReasonOf(entry));
    }

    [Fact]
    public async Task ReleasedHold_OnOneNode_IsGoodInTheOtherNodesOcspAnswerAtOnce()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);
        var serial = (await first.IssueAsync(TestCsrs.Ecdsa("CN=on-hold.example.org", null, "on-hold.example.org"), "tls-server")).SerialNumber;
        using var admin = first.AdminClient();
        (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "certificateHold" })).EnsureSuccessStatusCode();
        var request = OcspRequest(second, serial);
        await Eventually.FoundAsync(async () => (await AskAsync(second, request)).GetCertStatus() as RevokedStatus);

        (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "removeFromCRL" })).EnsureSuccessStatusCode();

        await Eventually.FoundAsync(async () => (await AskAsync(second, request)).GetCertStatus() is null ? "good" : null);
    }

    [Fact]
    public async Task RevocationCommittedWithoutItsCrl_IsPublishedByTheScheduleToBothNodes()
    {
        // A node that stops between committing a revocation and publishing its CRL: here the
        // revocation goes straight to the first node's store, past its CRL publisher.
        await using var nodes = await TwoNodes.StartAsync("--Pki:Crl:CheckIntervalSeconds", "0.2");
        var (first, second) = (nodes.First, nodes.Second);
        var serial = (await first.IssueAsync(TestCsrs.Ecdsa("CN=half-done.example.org", null, "half-done.example.org"), "tls-server")).SerialNumber;
        Assert.Null((await CrlAsync(first)).GetRevokedCertificate(new BigInteger(serial, 16)));
        Assert.Null((await CrlAsync(second)).GetRevokedCertificate(new BigInteger(serial, 16)));

        await first.Services.GetRequiredService<IRevocationStore>().RevokeAsync(serial, "superseded", DateTimeOffset.UtcNow, null,
            new Platform.Auditing.AuditEvent { Module = "pki.ca", Action = "certificate.revoke", Outcome = Platform.Auditing.AuditOutcome.Success, Target = serial });

        await Eventually.FoundAsync(async () => (await CrlAsync(first)).GetRevokedCertificate(new BigInteger(serial, 16)));
        await Eventually.FoundAsync(async () => (await CrlAsync(second)).GetRevokedCertificate(new BigInteger(serial, 16)));
    }


    [Fact]
    public async Task CrlsPublishedByBothNodesAtOnce_TheNewestHoldsEveryAnsweredRevocation()
    {
        InterceptingRevocationStore? intercepting = null;
        await using var nodes = await TwoNodes.StartAsync(builder => builder.Services.AddSingleton<IRevocationStore>(services =>
            intercepting = new InterceptingRevocationStore((IRevocationStore)services.GetRequiredService<ICaStore>())));
        var (first, second) = (nodes.First, nodes.Second);
        var one = (await first.IssueAsync(TestCsrs.Ecdsa("CN=race-one.example.org", null, "race-one.example.org"), "tls-server")).SerialNumber;
        var two = (await first.IssueAsync(TestCsrs.Ecdsa("CN=race-two.example.org", null, "race-two.example.org"), "tls-server")).SerialNumber;
        await CrlAsync(first);

        // The first node reads the CRL's content and is held there; meanwhile the second node
        // revokes and publishes, and answers. Then the first node stores its CRL.
        intercepting!.Arm();
        using var firstAdmin = first.AdminClient();
        var revokeOne = firstAdmin.PostAsJsonAsync($"/pki/certificates/{one}/revoke", new { reason = "keyCompromise" });
        await intercepting.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        using (var secondAdmin = second.AdminClient())
        {
            (await secondAdmin.PostAsJsonAsync($"/pki/certificates/{two}/revoke", new { reason = "superseded" })).EnsureSuccessStatusCode();
        }

        intercepting.Release();
        (await revokeOne).EnsureSuccessStatusCode();

        foreach (var node in new[] { first, second })
        {
            await Eventually.FoundAsync(async () => await CrlAsync(node) is var crl
                && crl.GetRevokedCertificate(new BigInteger(one, 16)) is not null && crl.GetRevokedCertificate(new BigInteger(two, 16)) is not null
                ? "both listed" : null);
        }
    }

    private static int CrlReasonOf(X509CrlEntry entry) =>
        CrlReason.GetInstance(Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(entry.GetExtensionValue(X509Extensions.ReasonCode))).IntValueExact;
}
