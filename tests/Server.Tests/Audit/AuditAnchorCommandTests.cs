using Audit.Checkpoints;
using Microsoft.Data.Sqlite;
using Server.Cli;
using Server.Tests.Hosting;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>
/// <c>audit verify</c> trusting what the operator brings rather than what the server says: a
/// pinned verifier key and a checkpoint saved earlier, through the real command line and host.
/// </summary>
public sealed class AuditAnchorCommandTests : IDisposable
{
    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory files = new();

    public void Dispose()
    {
        data.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task VerifyUrl_PinnedKeyOfTheLog_ExitsZero()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        var key = await VerifierKeyAsync(server);
        await File.WriteAllTextAsync(files.File("log.vkey"), key + "\n");

        Assert.Equal(0, await VerifyUrlAsync(server, "--verifier-key", key));
        Assert.Equal(0, await VerifyUrlAsync(server, "--verifier-key", files.File("log.vkey")));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path, "--verifier-key", key]));
    }

    [Fact]
    public async Task VerifyUrl_PinnedKeyDiffers_ExitsOne()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        // Same name as the log's key, another Ed25519 key: a server that replaced its key.
        var name = NoteVerifierKey.Parse(await VerifierKeyAsync(server)).Value!.Name;
        using var other = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);
        var foreign = NoteVerifierKey.Create(name, other.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey)).Value!.ToString();

        Assert.Equal(1, await VerifyUrlAsync(server, "--verifier-key", foreign));
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path, "--verifier-key", foreign]));
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "prove", "--index", "0", "--data-dir", data.Path, "--verifier-key", foreign]));
    }

    [Fact]
    public async Task Verify_MalformedPinnedKey_ExitsTwo()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path, "--verifier-key", "not-a-key"]));
    }

    [Fact]
    public async Task Verify_SavedCheckpointTheLogExtends_ExitsZero()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        await RecordAsync(server, "early", 3);
        var saved = await SaveCheckpointAsync(server, "saved.checkpoint");
        await RecordAsync(server, "later", 4);
        await PublishAsync(server);

        Assert.Equal(0, await VerifyUrlAsync(server, "--checkpoint", saved));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path, "--checkpoint", saved]));
    }

    [Fact]
    public async Task Verify_SavedCheckpointOfAnotherLog_ExitsOne()
    {
        using var otherData = new TemporaryDirectory();
        string saved;
        await using (var other = await PlatformServer.StartAsync(otherData.Path))
        {
            saved = await SaveCheckpointAsync(other, "other.checkpoint");
        }

        await using var server = await PlatformServer.StartAsync(data.Path);
        Assert.Equal(1, await VerifyUrlAsync(server, "--checkpoint", saved));
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path, "--checkpoint", saved]));
    }

    [Fact]
    public async Task Verify_SavedCheckpointOfAFork_ExitsOne()
    {
        // Two copies of one log (same key, same origin) that then record different events: the
        // checkpoint saved from one is signed by the right key but the other does not extend it.
        await using (var server = await PlatformServer.StartAsync(data.Path))
        {
            await RecordAsync(server, "common", 2);
            await PublishAsync(server);
        }

        using var fork = new TemporaryDirectory();
        foreach (var file in Directory.GetFiles(data.Path, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(fork.Path, Path.GetRelativePath(data.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        string saved;
        await using (var forked = await PlatformServer.StartAsync(fork.Path))
        {
            await RecordAsync(forked, "fork", 2);
            saved = await SaveCheckpointAsync(forked, "fork.checkpoint");
        }

        await using var original = await PlatformServer.StartAsync(data.Path);
        await RecordAsync(original, "original", 5);
        await PublishAsync(original);

        Assert.Equal(0, await VerifyUrlAsync(original));
        Assert.Equal(1, await VerifyUrlAsync(original, "--checkpoint", saved));
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path, "--checkpoint", saved]));
    }

    [Fact]
    public async Task Prove_RealEvent_ExitsZero()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        await RecordAsync(server, "probe", 5);
        var saved = await SaveCheckpointAsync(server, "saved.checkpoint");
        var index = await IndexOfAsync(server, "probe-3");

        Assert.Equal(0, await ProveUrlAsync(server, index));
        Assert.Equal(0, await ProveUrlAsync(server, index, "--checkpoint", saved, "--verifier-key", await VerifierKeyAsync(server)));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "prove", "--index", index.ToString(), "--data-dir", data.Path]));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "prove", "--index", index.ToString(), "--data-dir", data.Path, "--checkpoint", saved]));
    }

    [Fact]
    public async Task Prove_EntryNotCoveredByTheCheckpoint_ExitsOne()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        var saved = await SaveCheckpointAsync(server, "saved.checkpoint");
        await RecordAsync(server, "after", 1);
        var index = await IndexOfAsync(server, "after-0");

        Assert.Equal(1, await ProveUrlAsync(server, index, "--checkpoint", saved));
        Assert.Equal(1, await ProveUrlAsync(server, 1_000_000));
    }

    [Fact]
    public async Task Prove_TamperedEntry_ExitsOne()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        await RecordAsync(server, "probe", 5);
        await PublishAsync(server);
        var index = await IndexOfAsync(server, "probe-3");
        await using (var connection = new SqliteConnection($"Data Source={server.DataFile("audit.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE entries SET entry = CAST(replace(CAST(entry AS TEXT), 'probe-3', 'probe-X') AS BLOB) WHERE idx = $idx";
            command.Parameters.AddWithValue("$idx", index);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(1, await ProveUrlAsync(server, index));
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "prove", "--index", index.ToString(), "--data-dir", data.Path]));
        Assert.Equal(0, await ProveUrlAsync(server, index - 1)); // its neighbour is still proven
    }

    [Theory]
    [InlineData("prove --data-dir a")]
    [InlineData("verify --data-dir a --index 1")]
    [InlineData("prove --index -1 --data-dir a")]
    [InlineData("prove --index x --data-dir a")]
    [InlineData("verify --url http://127.0.0.1:5000 --cert a --key b --ca c")]
    [InlineData("verify --data-dir a --checkpoint /nonexistent/checkpoint")]
    public async Task Audit_BadUsage_ExitsTwo(string arguments)
    {
        Assert.Equal(2, await CommandLine.RunAsync(["audit", .. arguments.Split(' ')]));
    }

    internal static async Task<int> VerifyUrlAsync(PlatformServer server, params string[] extra) =>
        await CommandLine.RunAsync(["audit", "verify", .. Officer(server), .. extra]);

    private static async Task<int> ProveUrlAsync(PlatformServer server, long index, params string[] extra) =>
        await CommandLine.RunAsync(["audit", "prove", "--index", index.ToString(), .. Officer(server), .. extra]);

    private static string[] Officer(PlatformServer server) =>
        ["--url", server.Https.ToString(), "--cert", server.DataFile("admin.pem"), "--key", server.DataFile("admin.key"), "--ca", server.DataFile("root-ca.pem")];

    private static async Task<string> VerifierKeyAsync(PlatformServer server)
    {
        using var client = server.HttpClient();
        return (await client.GetStringAsync("/audit/verifier-key")).Trim();
    }

    private async Task<string> SaveCheckpointAsync(PlatformServer server, string name)
    {
        await PublishAsync(server);
        using var client = server.HttpClient();
        var path = files.File(name);
        await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync("/audit/checkpoint"));
        return path;
    }

    private static async Task PublishAsync(PlatformServer server)
    {
        using var admin = server.AdminClient();
        using var response = await admin.PostAsync("/audit/checkpoint", null);
        response.EnsureSuccessStatusCode();
    }

    // Refused issuances are audit events carrying the profile name, so each is easy to find.
    private static async Task RecordAsync(PlatformServer server, string prefix, int count)
    {
        using var admin = server.AdminClient();
        for (var i = 0; i < count; i++)
        {
            using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = $"{prefix}-{i}" });
        }
    }

    private static async Task<long> IndexOfAsync(PlatformServer server, string marker)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DataFile("audit.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT idx FROM entries WHERE CAST(entry AS TEXT) LIKE $marker";
        command.Parameters.AddWithValue("$marker", $"%{marker}%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
