using Microsoft.Data.Sqlite;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>
/// The trail says exactly what happened, once: a refused action leaves only its failure, every
/// certificate the platform signs (its own included) is one issuance event, and a crash between a
/// module's commit and its audit append loses neither.
/// </summary>
public sealed class ExactlyOnceAuditTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task RevokeTwice_TheRefusedRevocation_IsOneFailureEventAndNothingElse()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        var serial = (await server.IssueAsync(TestCsrs.Ecdsa("CN=twice.example.org", null, "twice.example.org"), "tls-server")).SerialNumber;
        using var admin = server.AdminClient();
        using (var first = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "superseded" }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" }))
        {
            await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "certificate-already-revoked");
        }

        var events = await AuditEvents.ListAsync(admin, $"?action=certificate.revoke&target={serial}");
        Assert.Equal(["failure", "success"], events.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal("keyCompromise", events[0].GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal("certificate-already-revoked", events[0].GetProperty("details").GetProperty("code").GetString());
        Assert.Equal("superseded", events[1].GetProperty("details").GetProperty("reason").GetString());
        Assert.NotEqual(events[0].GetProperty("requestId").GetString(), events[1].GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task FirstStart_EveryCertificateThePlatformIssuedItself_IsOneIssuanceEvent()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        using var admin = server.AdminClient();

        using var listing = JsonDocument.Parse(await admin.GetStringAsync("/pki/certificates?limit=1000"));
        var stored = listing.RootElement.GetProperty("certificates").EnumerateArray()
            .Select(c => (Serial: c.GetProperty("serialNumber").GetString()!, Profile: c.GetProperty("profile").GetString()!)).ToList();
        var issued = (await AuditEvents.ListAsync(admin, "?action=certificate.issue&outcome=success&limit=1000"))
            .Select(e => e.GetProperty("target").GetString()!).ToList();

        // The subordinate CA, the administrator, HTTPS, OCSP responder, TSA and attribute authority.
        Assert.Superset(new HashSet<string>(["ca", "administrator", "tls-server", "ocsp-responder", "time-stamping"]),
            stored.Select(c => c.Profile).ToHashSet());
        Assert.All(stored, c => Assert.Single(issued, serial => serial == c.Serial));
        Assert.Equal(stored.Count, issued.Count);
    }

    [Fact]
    public async Task Kill9_BetweenTheRevocationsCommitAndItsAuditAppend_BothAreThereAfterRestart()
    {
        string serial;
        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            using var admin = server.AdminClient();
            using (var response = await admin.PostAsJsonAsync("/pki/certificates",
                new { csr = TestCsrs.Ecdsa("CN=crash-point.example.org", null, "crash-point.example.org"), profile = "tls-server" }))
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                serial = body.RootElement.GetProperty("serialNumber").GetString()!;
            }

            // Hold the audit log's write lock, so the revocation commits in the CA's database and
            // then waits for its append: the moment a crash must not lose either.
            await using var lockHolder = new SqliteConnection($"Data Source={Path.Combine(data.Path, "audit.db")};Pooling=False");
            await lockHolder.OpenAsync();
            await using (var begin = lockHolder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            var revoke = admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" });
            await Eventually.EqualAsync(true, () => RevokedInCaDatabaseAsync(serial));
            Assert.False(revoke.IsCompleted, "the revocation was answered before its event was in the trail");
            await server.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => revoke);
        }

        await using var restarted = await PlatformServer.StartAsync(data.Path);
        using var client = restarted.AdminClient();
        using var certificate = JsonDocument.Parse(await client.GetStringAsync($"/pki/certificates/{serial}"));
        Assert.Equal("revoked", certificate.RootElement.GetProperty("status").GetString());
        var revoked = Assert.Single(await AuditEvents.ListAsync(client, $"?action=certificate.revoke&target={serial}"));
        Assert.Equal("success", revoked.GetProperty("outcome").GetString());
        Assert.Equal("keyCompromise", revoked.GetProperty("details").GetProperty("reason").GetString());
        Assert.True(revoked.GetProperty("details").TryGetProperty("committedAt", out _), "a late delivery says when the change was committed");
    }

    private async Task<bool> RevokedInCaDatabaseAsync(string serial)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "ca.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT revoked_at FROM certificates WHERE serial = $serial";
        command.Parameters.AddWithValue("$serial", serial);
        return await command.ExecuteScalarAsync() is long;
    }
}
