using Audit.Verification;
using Microsoft.Data.Sqlite;
using Server.Cli;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>
/// Alters the audit database behind the server's back, the way someone with disk access would,
/// and checks that <c>audit verify</c> names the damage and the server will not sign over it.
/// </summary>
public sealed class AuditTamperingTests : IDisposable
{
    // The bootstrap records 12 events (two CAs created, the issuing CA's, administrator's, HTTPS, two OCSP
    // responders', TSA, attribute authority and gateway certificates issued, the console registered as an
    // application, the default policies activated); 8 refusals follow.
    private const int Bootstrap = 12;
    private const int Refusals = 8;
    private const int Entries = Bootstrap + Refusals;

    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Verify_UntouchedLog_ExitsZero()
    {
        await WriteLogAsync();

        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
        var report = await DatabaseVerifier.VerifyDataDirectoryAsync(data.Path);
        Assert.True(report.Verified, string.Join("\n", report.Problems));
        Assert.Equal(Entries, report.Entries);
    }

    [Fact]
    public async Task Verify_EditedEntryBytes_NamesTheEntry()
    {
        await WriteLogAsync();
        await ExecuteAsync($"UPDATE entries SET entry = @entry WHERE idx = {Bootstrap + 1}",
            ("entry", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(await EntryAsync(Bootstrap + 1)).Replace("missing-1", "mizzing-1", StringComparison.Ordinal))));

        await AssertFirstBadAsync(Bootstrap + 1);
    }

    [Fact]
    public async Task Verify_EditedEntryWithRecomputedLeafHash_NamesTheEntry()
    {
        await WriteLogAsync();
        // An even index: a recomputed leaf hash is caught where its pair node no longer matches.
        var index = Bootstrap % 2 == 0 ? Bootstrap : Bootstrap + 1;
        var refusal = $"missing-{index - Bootstrap}";
        var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(await EntryAsync(index)).Replace(refusal, "mizzing" + refusal[7..], StringComparison.Ordinal));
        Assert.NotEqual(await EntryAsync(index), edited);
        await ExecuteAsync($"UPDATE entries SET entry = @entry, leaf_hash = @leaf WHERE idx = {index}",
            ("entry", edited), ("leaf", global::Audit.Merkle.Rfc6962.HashLeaf(edited)));

        await AssertFirstBadAsync(index);
    }

    [Fact]
    public async Task Verify_DeletedEntry_NamesTheGap()
    {
        await WriteLogAsync();
        await ExecuteAsync("DELETE FROM entries WHERE idx = 4");

        await AssertFirstBadAsync(4);
    }

    [Fact]
    public async Task Verify_SwappedEntries_NamesTheFirst()
    {
        await WriteLogAsync();
        var (two, nine) = (await EntryAsync(2), await EntryAsync(9));
        await ExecuteAsync("UPDATE entries SET entry = @entry, leaf_hash = @leaf WHERE idx = 2", ("entry", nine), ("leaf", global::Audit.Merkle.Rfc6962.HashLeaf(nine)));
        await ExecuteAsync("UPDATE entries SET entry = @entry, leaf_hash = @leaf WHERE idx = 9", ("entry", two), ("leaf", global::Audit.Merkle.Rfc6962.HashLeaf(two)));

        await AssertFirstBadAsync(2);
    }

    [Fact]
    public async Task Verify_TruncatedLog_NamesTheFirstMissingEntry()
    {
        await WriteLogAsync();
        await ExecuteAsync("DELETE FROM entries WHERE idx >= 7");

        await AssertFirstBadAsync(7);
    }

    [Fact]
    public async Task PublishCheckpoint_AfterTruncationAndNewAppends_Returns409AndKeepsLastCheckpoint()
    {
        var note = await WriteLogAsync();
        await ExecuteAsync("DELETE FROM entries WHERE idx >= 7");
        await ExecuteAsync("DELETE FROM nodes WHERE (idx + 1) * (1 << level) > 7");

        await using var server = await PlatformServer.StartAsync(data.Path);
        await RefuseAsync(server, 8, "again");
        using var admin = server.AdminClient();
        using var publish = await admin.PostAsync("/audit/checkpoint", null);

        await ProblemAssert.IsProblemAsync(publish, HttpStatusCode.Conflict, "checkpoint-inconsistent");
        Assert.Equal(note, await server.HttpClient().GetStringAsync("/audit/checkpoint"));
    }

    private async Task<string> WriteLogAsync()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        await RefuseAsync(server, Refusals, "missing");
        using var admin = server.AdminClient();
        using var publish = await admin.PostAsync("/audit/checkpoint", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var note = await publish.Content.ReadAsStringAsync();
        Assert.Contains($"\n{Entries}\n", note, StringComparison.Ordinal);
        return note;
    }

    // A refused issuance is a cheap audited action: its event names the (unknown) profile.
    private static async Task RefuseAsync(PlatformServer server, int count, string prefix)
    {
        using var admin = server.AdminClient();
        for (var i = 0; i < count; i++)
        {
            using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = $"{prefix}-{i}" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private async Task AssertFirstBadAsync(long index)
    {
        var report = await DatabaseVerifier.VerifyDataDirectoryAsync(data.Path);

        Assert.False(report.Verified);
        Assert.True(index == report.FirstBadIndex, $"expected first bad entry {index}, got {report.FirstBadIndex}: {string.Join("\n", report.Problems)}");
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    private async Task<byte[]> EntryAsync(long index)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT entry FROM entries WHERE idx = @idx";
        command.Parameters.AddWithValue("idx", index);
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = data.File("audit.db"), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
