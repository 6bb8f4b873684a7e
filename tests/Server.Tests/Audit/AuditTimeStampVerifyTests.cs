using Audit.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Tsp;
using Server.Cli;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>
/// <c>audit verify</c> checking checkpoints' time-stamp tokens against the platform's root: when
/// each log size existed, tampered and swapped tokens, time running backwards with size, and a
/// saved checkpoint with its token checked on its own.
/// </summary>
public sealed class AuditTimeStampVerifyTests : IDisposable
{
    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory files = new();

    public void Dispose()
    {
        data.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task Verify_StampedCheckpoints_SaysWhenEachLogSizeExisted()
    {
        await using var server = await AuditTimeStampTests.StartAsync(data);
        await AuditTimeStampTests.RecordAsync(server, "early", 2);
        var first = AuditTimeStampTests.SizeOf(await AuditTimeStampTests.PublishAsync(server));
        await AuditTimeStampTests.RecordAsync(server, "later", 2);
        var second = AuditTimeStampTests.SizeOf(await AuditTimeStampTests.PublishAsync(server));

        var report = await VerifyDatabaseAsync(server);

        Assert.True(report.Verified, string.Join("\n", report.Problems));
        foreach (var size in new[] { first, second })
        {
            Assert.Contains(report.Notes, n => n.StartsWith($"log size {size} existed at ", StringComparison.Ordinal)
                && n.Contains("(TSA ", StringComparison.Ordinal) && n.Contains(", token serial ", StringComparison.Ordinal));
        }

        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
        Assert.Equal(0, await AuditAnchorCommandTests.VerifyUrlAsync(server));
    }

    [Fact]
    public async Task Verify_TamperedToken_FailsNamingTheLogSize()
    {
        await using var server = await AuditTimeStampTests.StartAsync(data);
        await AuditTimeStampTests.RecordAsync(server, "probe", 2);
        var size = AuditTimeStampTests.SizeOf(await AuditTimeStampTests.PublishAsync(server));
        // The last bytes of the token are its signature.
        await UpdateTokenAsync(server, size, token => token[^3] ^= 0x5a);

        var report = await VerifyDatabaseAsync(server);

        Assert.Contains(report.Problems, p => p.StartsWith($"log size {size}: the time-stamp token does not verify:", StringComparison.Ordinal));
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
        Assert.Equal(1, await AuditAnchorCommandTests.VerifyUrlAsync(server));
    }

    [Fact]
    public async Task Verify_TokensSwappedBetweenCheckpoints_FailsOnTheImprint()
    {
        await using var server = await AuditTimeStampTests.StartAsync(data);
        await AuditTimeStampTests.RecordAsync(server, "one", 1);
        var first = AuditTimeStampTests.SizeOf(await AuditTimeStampTests.PublishAsync(server));
        await AuditTimeStampTests.RecordAsync(server, "two", 1);
        var second = AuditTimeStampTests.SizeOf(await AuditTimeStampTests.PublishAsync(server));
        byte[] firstToken = [], secondToken = [];
        await UpdateTokenAsync(server, first, token => firstToken = [.. token]);
        await UpdateTokenAsync(server, second, token => secondToken = [.. token]);
        await UpdateTokenAsync(server, first, token => secondToken.CopyTo(token), secondToken.Length);
        await UpdateTokenAsync(server, second, token => firstToken.CopyTo(token), firstToken.Length);

        var report = await VerifyDatabaseAsync(server);

        Assert.Contains(report.Problems, p => p.StartsWith($"log size {first}: ", StringComparison.Ordinal) && p.Contains("Imprint: FAILED", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith($"log size {second}: ", StringComparison.Ordinal) && p.Contains("Imprint: FAILED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_LargerLogStampedEarlier_FailsTheTimeOrder()
    {
        var clock = new MovableClock();
        await using var server = await PlatformServer.StartAsync(data.Path, builder => builder.Services.AddSingleton<TimeProvider>(clock),
            "--Audit:CheckpointIntervalSeconds", "86400");
        clock.Advance(TimeSpan.FromHours(2));
        await AuditTimeStampTests.RecordAsync(server, "ahead", 1);
        var first = AuditTimeStampTests.SizeOf(await AuditTimeStampTests.PublishAsync(server));
        // The TSA's clock goes back an hour (no time source configured to catch it).
        clock.Advance(TimeSpan.FromHours(-1));
        await AuditTimeStampTests.RecordAsync(server, "behind", 1);
        var second = AuditTimeStampTests.SizeOf(await AuditTimeStampTests.PublishAsync(server));

        var report = await VerifyDatabaseAsync(server);

        Assert.Contains(report.Problems, p => p.StartsWith($"log size {second} is time-stamped at ", StringComparison.Ordinal)
            && p.Contains($"earlier than the smaller log size {first}", StringComparison.Ordinal));
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    [Fact]
    public async Task VerifyFiles_SavedCheckpointAndItsToken_ExitsZero()
    {
        await using var server = await AuditTimeStampTests.StartAsync(data);
        var (checkpoint, reply, key) = await SaveAsync(server);
        var token = files.File("checkpoint.token");
        await File.WriteAllBytesAsync(token, new TimeStampResponse(await File.ReadAllBytesAsync(reply)).TimeStampToken.GetEncoded());

        Assert.Equal(0, await VerifyFilesAsync(server, checkpoint, reply, key));
        Assert.Equal(0, await VerifyFilesAsync(server, checkpoint, token, key));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path, "--checkpoint", checkpoint, "--timestamp", reply]));
        Assert.Equal(0, await AuditAnchorCommandTests.VerifyUrlAsync(server, "--checkpoint", checkpoint, "--timestamp", token));
    }

    [Fact]
    public async Task VerifyFiles_TamperedCheckpointOrToken_ExitsOneWithTheReason()
    {
        await using var server = await AuditTimeStampTests.StartAsync(data);
        var (checkpoint, reply, key) = await SaveAsync(server);
        var otherReply = files.File("other.tsr");
        await AuditTimeStampTests.RecordAsync(server, "more", 1);
        await AuditTimeStampTests.PublishAsync(server);
        using (var client = server.HttpClient())
        {
            await File.WriteAllBytesAsync(otherReply, await client.GetByteArrayAsync("/audit/checkpoint/timestamp"));
        }

        var garbage = files.File("garbage.tsr");
        await File.WriteAllBytesAsync(garbage, [0x30, 0x03, 0x02, 0x01]);

        var anchors = await AnchorsAsync(server, checkpoint, otherReply, key);
        var problem = Assert.Single(SavedCheckpointVerifier.Verify(anchors).Problems);
        Assert.Contains("the saved checkpoint: log size", problem);
        Assert.Contains("Imprint: FAILED", problem);
        Assert.Equal(1, await VerifyFilesAsync(server, checkpoint, otherReply, key));
        Assert.Contains("neither a DER time-stamp token nor a granted TimeStampResp",
            Assert.Single(SavedCheckpointVerifier.Verify(await AnchorsAsync(server, checkpoint, garbage, key)).Problems));
        Assert.Equal(1, await VerifyFilesAsync(server, checkpoint, garbage, key));

        var altered = files.File("altered.checkpoint");
        var text = await File.ReadAllTextAsync(checkpoint);
        await File.WriteAllTextAsync(altered, text.Replace("\n\n", "\nextension\n\n", StringComparison.Ordinal));
        Assert.Equal(1, await VerifyFilesAsync(server, altered, reply, key));
    }

    [Theory]
    [InlineData("verify --timestamp t.tsr --data-dir a")]
    [InlineData("verify --checkpoint c --timestamp t.tsr --ca root.pem")]
    [InlineData("verify --checkpoint c --timestamp t.tsr --verifier-key k")]
    [InlineData("prove --index 0 --data-dir a --checkpoint c --timestamp t.tsr")]
    public async Task Audit_TimestampBadUsage_ExitsTwo(string arguments)
    {
        Assert.Equal(2, await CommandLine.RunAsync(["audit", .. arguments.Split(' ')]));
    }

    private async Task<(string Checkpoint, string Reply, string Key)> SaveAsync(PlatformServer server)
    {
        await AuditTimeStampTests.RecordAsync(server, "saved", 2);
        var note = await AuditTimeStampTests.PublishAsync(server);
        using var client = server.HttpClient();
        var checkpoint = files.File("saved.checkpoint");
        var reply = files.File("saved.tsr");
        await File.WriteAllTextAsync(checkpoint, note);
        await File.WriteAllBytesAsync(reply, await client.GetByteArrayAsync($"/audit/checkpoint/timestamp?size={AuditTimeStampTests.SizeOf(note)}"));
        return (checkpoint, reply, (await client.GetStringAsync("/audit/verifier-key")).Trim());
    }

    private static Task<int> VerifyFilesAsync(PlatformServer server, string checkpoint, string timestamp, string key) =>
        CommandLine.RunAsync(["audit", "verify", "--checkpoint", checkpoint, "--timestamp", timestamp, "--verifier-key", key,
            "--ca", server.DataFile("root-ca.pem")]);

    private static async Task<VerificationAnchors> AnchorsAsync(PlatformServer server, string checkpoint, string timestamp, string key) =>
        new(global::Audit.Checkpoints.NoteVerifierKey.Parse(key).Value, await File.ReadAllTextAsync(checkpoint),
            AuditTimeStampVerifier.FromPemFile(server.DataFile("root-ca.pem")), await File.ReadAllBytesAsync(timestamp));

    private async Task<VerificationReport> VerifyDatabaseAsync(PlatformServer server) =>
        await DatabaseVerifier.VerifyDataDirectoryAsync(data.Path, new VerificationAnchors(TimeStamps: AuditTimeStampVerifier.FromPemFile(server.DataFile("root-ca.pem"))));

    private static async Task UpdateTokenAsync(PlatformServer server, long size, Action<byte[]> change, int? length = null)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DataFile("audit.db")};Pooling=False");
        await connection.OpenAsync();
        byte[] token;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT timestamp_token FROM checkpoints WHERE tree_size = $size";
            read.Parameters.AddWithValue("$size", size);
            token = (byte[])(await read.ExecuteScalarAsync())!;
        }

        var changed = new byte[length ?? token.Length];
        token.AsSpan(0, Math.Min(token.Length, changed.Length)).CopyTo(changed);
        change(changed);
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE checkpoints SET timestamp_token = $token WHERE tree_size = $size";
        write.Parameters.AddWithValue("$token", changed);
        write.Parameters.AddWithValue("$size", size);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }
}
