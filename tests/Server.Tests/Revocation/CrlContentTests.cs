using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using Server.Tests.Hosting;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Revocation;

/// <summary>
/// What the full and delta CRLs list as revocations come and go, each CRL built from the entries
/// kept since the last one plus the changes committed since (and after a restart, from the database).
/// </summary>
public sealed class CrlContentTests
{
    [Fact]
    public async Task EachChange_FullListsEveryRevocationAndDeltaOnlyWhatChangedSinceThePreviousFull()
    {
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path);
        var (a, b, c) = (await IssueAsync(server, "a"), await IssueAsync(server, "b"), await IssueAsync(server, "c"));

        await RevokeAsync(server, a, "keyCompromise");
        await RevokeAsync(server, b, "superseded");
        await RevokeAsync(server, c, "certificateHold");

        Assert.Equal(new Dictionary<string, int> { [a] = CrlReason.KeyCompromise, [b] = CrlReason.Superseded, [c] = CrlReason.CertificateHold },
            await EntriesAsync(server, "crl"));
        Assert.Equal(new Dictionary<string, int> { [c] = CrlReason.CertificateHold }, await EntriesAsync(server, "delta-crl"));

        await RevokeAsync(server, c, "removeFromCRL");

        Assert.Equal(new Dictionary<string, int> { [a] = CrlReason.KeyCompromise, [b] = CrlReason.Superseded }, await EntriesAsync(server, "crl"));
        Assert.Equal(new Dictionary<string, int> { [c] = CrlReason.RemoveFromCrl }, await EntriesAsync(server, "delta-crl"));

        await RevokeAsync(server, c, "certificateHold");
        await RevokeAsync(server, c, "cessationOfOperation"); // a hold made permanent

        Assert.Equal(CrlReason.CessationOfOperation, (await EntriesAsync(server, "crl"))[c]);
        Assert.Equal(new Dictionary<string, int> { [c] = CrlReason.CessationOfOperation }, await EntriesAsync(server, "delta-crl"));
    }

    [Fact]
    public async Task Restart_TheNextCrlHoldsTheRevocationsBeforeAndAfter()
    {
        using var data = new TemporaryDirectory();
        string a, b;
        await using (var before = await PlatformServer.StartAsync(data.Path))
        {
            (a, b) = (await IssueAsync(before, "a"), await IssueAsync(before, "b"));
            await RevokeAsync(before, a, "affiliationChanged");
        }

        await using var after = await PlatformServer.StartAsync(data.Path);
        await RevokeAsync(after, b, "privilegeWithdrawn");

        Assert.Equal(new Dictionary<string, int> { [a] = CrlReason.AffiliationChanged, [b] = CrlReason.PrivilegeWithdrawn }, await EntriesAsync(after, "crl"));
        Assert.Equal(new Dictionary<string, int> { [b] = CrlReason.PrivilegeWithdrawn }, await EntriesAsync(after, "delta-crl"));
    }

    private static async Task<string> IssueAsync(PlatformServer server, string name)
    {
        var host = $"{name}-{Guid.NewGuid():n}"[..20] + ".example.org";
        // Spelled as the CRL's integer prints it, to compare with its entries.
        return new BigInteger((await server.IssueAsync(TestCsrs.Ecdsa($"CN={host}", null, host), "tls-server")).SerialNumber, 16).ToString(16);
    }

    private static async Task RevokeAsync(PlatformServer server, string serial, string reason)
    {
        using var admin = server.AdminClient();
        (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason })).EnsureSuccessStatusCode();
    }

    /// <summary>The CRL's entries: serial (hex) to reason code.</summary>
    private static async Task<Dictionary<string, int>> EntriesAsync(PlatformServer server, string kind)
    {
        using var client = server.HttpClient();
        var crl = new X509CrlParser().ReadCrl(await client.GetByteArrayAsync($"/pki/cas/issuing/{kind}"));
        crl.Verify(new X509CertificateParser().ReadCertificate(File.ReadAllBytes(server.DataFile("issuing-ca.pem"))).GetPublicKey());
        return (crl.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>()).ToDictionary(
            e => e.SerialNumber.ToString(16),
            e => e.GetExtensionValue(X509Extensions.ReasonCode) is { } reason
                ? CrlReason.GetInstance(X509ExtensionUtilities.FromExtensionValue(reason)).IntValueExact
                : CrlReason.Unspecified);
    }
}
