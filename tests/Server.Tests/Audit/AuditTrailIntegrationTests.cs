using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Server.Tests.Audit;

public sealed class AuditTrailIntegrationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task SecurityActions_AuditorReadsEvents_IssuanceRejectionAndForeignCertificateAreRecorded()
    {
        var marker = Guid.NewGuid().ToString("n")[..10];
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest($"CN={marker}.example.org", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await Server.IssueAsync(csr, "tls-client");
        using (var admin = Server.AdminClient())
        using (var rejected = await admin.PostAsJsonAsync("/pki/certificates", new { csr, profile = "no-such-" + marker }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        }

        using (var stranger = Server.HttpsClient(AuditorCertificates.Foreign($"CN=stranger-{marker}")))
        using (var refused = await stranger.GetAsync("/audit/events"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var auditor = Server.HttpsClient(await AuditorCertificates.IssueAsync(Server));
        var issuance = await EventsAsync(auditor, "?action=certificate.issue&module=pki.ca&limit=1000");
        var success = Assert.Single(issuance, e => e.TryGetProperty("target", out var t) && t.GetString() == issued.SerialNumber);
        Assert.Equal("success", success.GetProperty("outcome").GetString());
        Assert.Equal("CN=Bootstrap Administrator,O=SecurityPlatform", success.GetProperty("actor").GetProperty("subject").GetString());
        var failure = Assert.Single(issuance, e => e.GetProperty("details").TryGetProperty("profile", out var p) && p.GetString() == "no-such-" + marker);
        Assert.Equal("failure", failure.GetProperty("outcome").GetString());
        Assert.Equal("profile-unknown", failure.GetProperty("details").GetProperty("code").GetString());
        var denied = await EventsAsync(auditor, "?module=platform&action=authentication.client-certificate&outcome=denied");
        // The stranger's subject is what it claimed, not who it is: kept in the details, marked unverified.
        Assert.Contains(denied, e => e.GetProperty("details").GetProperty("presentedSubject").GetString() == $"CN=stranger-{marker}"
            && e.GetProperty("details").GetProperty("verified").GetString() == "false");
    }

    [Fact]
    public async Task IssueCertificate_AsAuditor_Returns403AndIsRecorded()
    {
        using var auditor = Server.HttpsClient(await AuditorCertificates.IssueAsync(Server, "CN=Curious Officer,O=City"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=sneaky.example.org", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        using var response = await auditor.PostAsJsonAsync("/pki/certificates", new { csr, profile = "tls-server" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
        var denied = await EventsAsync(auditor, "?action=authorization.denied&outcome=denied");
        var mine = Assert.Single(denied, e => e.GetProperty("actor").GetProperty("subject").GetString()!.Contains("Curious Officer", StringComparison.Ordinal));
        Assert.Equal("/pki/certificates", mine.GetProperty("target").GetString());
        var subject = mine.GetProperty("actor").GetProperty("subject").GetString()!;
        var byActor = await EventsAsync(auditor, "?actor=" + Uri.EscapeDataString(subject));
        Assert.Contains(byActor, e => e.GetProperty("action").GetString() == "authorization.denied");
    }

    [Fact]
    public async Task EventByIndex_Entry_IsCanonicalBytesOfEventWithLeafHash()
    {
        using var admin = Server.AdminClient();
        using var page = JsonDocument.Parse(await admin.GetStringAsync("/audit/events?limit=1"));
        var index = page.RootElement.GetProperty("events")[0].GetProperty("index").GetInt64();

        using var one = JsonDocument.Parse(await admin.GetStringAsync($"/audit/events/{index}"));
        var entry = Convert.FromBase64String(one.RootElement.GetProperty("entry").GetString()!);

        Assert.Equal(index, one.RootElement.GetProperty("index").GetInt64());
        Assert.Equal(global::Audit.Merkle.Rfc6962.HashLeaf(entry), Convert.FromBase64String(one.RootElement.GetProperty("leafHash").GetString()!));
        Assert.Equal(index, global::Audit.Events.AuditRecordDecoder.TryDecode(entry)!.Index);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(entry), one.RootElement.GetProperty("event").GetRawText());
    }

    [Fact]
    public async Task Events_Paging_CursorWalksNewestFirstWithoutGaps()
    {
        using var admin = Server.AdminClient();
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await admin.GetStringAsync("/audit/events?limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            seen.AddRange(page.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("index").GetInt64()));
            cursor = page.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, seen.Count).Select(i => (long)i).Reverse(), seen);
    }

    private static Task<List<JsonElement>> EventsAsync(HttpClient client, string query) => AuditEvents.ListAsync(client, query);
}
