using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using Platform.Keys;
using Server.Cli;
using Server.Hosting;
using Server.Tests.Hosting;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary><c>keys rewrap</c>: the software keys move to a new key-encryption key, atomically per file and resumably.</summary>
public sealed class KeyRewrapTests : IDisposable
{
    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory outside = new();

    public void Dispose()
    {
        data.Dispose();
        outside.Dispose();
    }

    private string KeysDirectory => Path.Combine(data.Path, "keys");

    private string KekFile => Path.Combine(data.Path, "kek.bin");

    [Fact]
    public async Task Rewrap_DefaultKek_ReplacesKekBin_OldKekOpensNoFile_RestartIssues()
    {
        await StartAndStopAsync();
        var oldKek = await File.ReadAllBytesAsync(KekFile);
        var newKek = WriteNewKek();

        Assert.Equal(0, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path]));

        Assert.Equal(newKek.Key, await File.ReadAllBytesAsync(KekFile));
        Assert.Equal(oldKek, await File.ReadAllBytesAsync(KekFile + ".old"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KekFile));
        var files = Directory.GetFiles(KeysDirectory, "*.key");
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(Opens(oldKek, f), $"{f} still opens under the old key-encryption key"));
        Assert.All(files, f => Assert.True(Opens(newKek.Key, f)));
        Assert.Empty(Directory.GetFiles(KeysDirectory, "*.tmp"));

        await AssertIssuesAsync();
    }

    [Fact]
    public async Task Rewrap_InterruptedAfterOneFile_EveryFileOpens_RerunCompletes()
    {
        await StartAndStopAsync();
        var oldKek = await File.ReadAllBytesAsync(KekFile);
        var newKek = WriteNewKek();
        var files = Directory.GetFiles(KeysDirectory, "*.key");
        Assert.True(files.Length >= 2, "the platform creates several software keys");

        var partial = await RewrapAsync(newKek.Key, stopAfter: 1);

        Assert.Equal(1, partial.Rewrapped);
        Assert.Null(partial.InstalledFile);
        Assert.Equal(oldKek, await File.ReadAllBytesAsync(KekFile)); // the configured key is only switched at the end
        Assert.Equal(1, files.Count(f => Opens(newKek.Key, f)));
        Assert.Equal(files.Length - 1, files.Count(f => Opens(oldKek, f)));

        Assert.Equal(0, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path]));

        Assert.All(files, f => Assert.True(Opens(newKek.Key, f)));
        Assert.Equal(newKek.Key, await File.ReadAllBytesAsync(KekFile));
        await AssertIssuesAsync();

        // A third run finds everything done and keeps the old key aside.
        var again = await RewrapAsync(newKek.Key);
        Assert.Equal((0, files.Length), (again.Rewrapped, again.AlreadyNew));
        Assert.Equal(oldKek, await File.ReadAllBytesAsync(KekFile + ".old"));
    }

    [Fact]
    public async Task Rewrap_WrongOldKek_ExitsOne_NothingChanged()
    {
        await StartAndStopAsync();
        var before = Snapshot();
        var wrong = WriteNewKek("wrong.bin");
        var newKek = WriteNewKek();

        var status = await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File,
            "--Platform:DataDirectory", data.Path, "--Platform:Keys:KeyEncryptionKeyFile", wrong.File]);

        Assert.Equal(1, status);
        Assert.Equal(before, Snapshot());
        await Assert.ThrowsAsync<InvalidOperationException>(() => RewrapAsync(newKek.Key, null, "--Platform:Keys:KeyEncryptionKeyFile", wrong.File));
    }

    [Fact]
    public async Task Rewrap_ConfiguredKekValue_LeavesTheSettingToTheOperator_RestartWithTheNewValueIssues()
    {
        var oldKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await StartAndStopAsync("--Platform:Keys:KeyEncryptionKey", oldKek);
        var newKek = WriteNewKek();

        var result = await RewrapAsync(newKek.Key, null, "--Platform:Keys:KeyEncryptionKey", oldKek);

        Assert.Null(result.InstalledFile);
        Assert.Contains("Platform:Keys:KeyEncryptionKey", result.Instruction, StringComparison.Ordinal);
        Assert.False(File.Exists(KekFile));
        await AssertIssuesAsync("--Platform:Keys:KeyEncryptionKey", Convert.ToBase64String(newKek.Key));
    }

    [Fact]
    public async Task Rewrap_Succeeds_RecordsKeysRewrapWithTheCounts_OpenedUnderTheNewKek_LogVerifies()
    {
        await StartAndStopAsync();
        var files = Directory.GetFiles(KeysDirectory, "*.key");
        var newKek = WriteNewKek();

        Assert.Equal(0, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path]));

        var recorded = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.rewrap"));
        Assert.Equal("success", recorded.GetProperty("outcome").GetString());
        Assert.Equal("ceremony:" + Environment.UserName, recorded.GetProperty("actor").GetProperty("user").GetString());
        var details = recorded.GetProperty("details");
        Assert.Equal(files.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), details.GetProperty("rewrapped").GetString());
        Assert.Equal("0", details.GetProperty("alreadyNew").GetString());
        Assert.Equal("1", details.GetProperty("resealed").GetString()); // the identity token-encryption key; nobody enrolled an authenticator
        Assert.Equal("true", details.GetProperty("kekInstalled").GetString());
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    [Fact]
    public async Task Rewrap_ConfiguredKekValue_RecordsSuccess_ThoughTheSettingStillNamesTheOldKek()
    {
        // The checkpoint key is rewrapped too, and the configuration still gives the old key: the event must still be written.
        var oldKek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await StartAndStopAsync("--Platform:Keys:KeyEncryptionKey", oldKek);
        var newKek = WriteNewKek();

        Assert.Equal(0, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path,
            "--Platform:Keys:KeyEncryptionKey", oldKek]));

        var recorded = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.rewrap"));
        Assert.Equal(("success", "false"), (recorded.GetProperty("outcome").GetString(), recorded.GetProperty("details").GetProperty("kekInstalled").GetString()));
    }

    [Fact]
    public async Task Rewrap_Refused_RecordsFailureWithTheReason_KeysUnchanged()
    {
        await StartAndStopAsync();
        var before = Snapshot();
        var file = Path.Combine(outside.Path, "short.bin");
        await File.WriteAllBytesAsync(file, new byte[16]);

        Assert.Equal(1, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", file, "--Platform:DataDirectory", data.Path]));

        Assert.Equal(before, Snapshot());
        var recorded = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, "keys.rewrap"));
        Assert.Equal("failure", recorded.GetProperty("outcome").GetString());
        Assert.Contains("32 bytes", recorded.GetProperty("details").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrap_EmptyDataDirectory_ExitsOne_CreatesNothing()
    {
        var newKek = WriteNewKek();

        Assert.Equal(1, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek.File, "--Platform:DataDirectory", data.Path]));

        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Fact]
    public async Task Rewrap_BadUsage_ExitsTwo()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["keys", "rewrap"]));
        Assert.Equal(2, await CommandLine.RunAsync(["keys", "rotate", "--new-kek-file", "x"]));
        Assert.Equal(2, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file"]));
    }

    [Fact]
    public async Task Rewrap_NewKekNot32Bytes_ExitsOne_NothingChanged()
    {
        await StartAndStopAsync();
        var before = Snapshot();
        var file = Path.Combine(outside.Path, "short.bin");
        await File.WriteAllBytesAsync(file, new byte[16]);

        Assert.Equal(1, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", file, "--Platform:DataDirectory", data.Path]));
        Assert.Equal(before, Snapshot());
    }

    /// <summary>Runs the rewrap the way the command does: in the server's host, over this data directory.</summary>
    private async Task<RewrapResult> RewrapAsync(byte[] newKek, int? stopAfter = null, params string[] configuration)
    {
        await using var app = PlatformHost.Build(["--Platform:DataDirectory", data.Path, .. configuration]);
        var options = app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value;
        return await SoftwareKeyRewrap.RunAsync(options, newKek, app.Services, stopAfter);
    }

    private async Task StartAndStopAsync(params string[] arguments)
    {
        await using (await PlatformServer.StartAsync(data.Path, arguments))
        {
        }
    }

    private async Task AssertIssuesAsync(params string[] arguments)
    {
        await using var server = await PlatformServer.StartAsync(data.Path, arguments);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=After Rewrap,O=City", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await server.IssueAsync(csr, "tls-client");
        using var certificate = X509Certificate2.CreateFromPem(issued.Certificate);
        Assert.Equal("CN=After Rewrap, O=City", certificate.Subject);
    }

    private (string File, byte[] Key) WriteNewKek(string name = "new-kek.bin")
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var file = Path.Combine(outside.Path, name);
        File.WriteAllBytes(file, key);
        return (file, key);
    }

    private static bool Opens(byte[] kek, string file)
    {
        var id = Path.GetFileNameWithoutExtension(file);
        var (algorithm, sealedKey) = SoftwareKeyStore.Parse(id, File.ReadAllText(file));
        try
        {
            SoftwareKeyStore.Open(KeyEncryptionKey.FromBytes(kek, "test"), id, algorithm, sealedKey);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private Dictionary<string, string> Snapshot() => Directory.GetFiles(data.Path, "*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".key", StringComparison.Ordinal) || f.EndsWith(".bin", StringComparison.Ordinal) || f.EndsWith(".old", StringComparison.Ordinal))
        .ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f)));
}
