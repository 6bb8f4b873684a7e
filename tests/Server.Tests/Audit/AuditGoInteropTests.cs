using Server.Tests.Hosting;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>Go's golang.org/x/mod/sumdb verifies the live server's checkpoint and proofs over HTTP.</summary>
public sealed class AuditGoInteropTests : IDisposable
{
    private const string DebianGoPath = "/usr/share/gocode";

    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task GoHttpVerify_LiveServer_AcceptsCheckpointAndProofs()
    {
        var (server, entries) = await StartWithEntriesAsync();
        await using (server)
        {
            var (exitCode, output) = await RunGoAsync(server, entries);

            Assert.True(exitCode == 0, output);
            Assert.StartsWith("ok", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GoHttpVerify_EntryNotInLog_Rejected()
    {
        var (server, entries) = await StartWithEntriesAsync();
        await using (server)
        {
            entries[3] = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"forged\":true}"));

            var (exitCode, output) = await RunGoAsync(server, entries);

            Assert.True(exitCode == 1, output);
            Assert.Contains("inclusion of 3", output, StringComparison.Ordinal);
        }
    }

    private async Task<(PlatformServer, List<string>)> StartWithEntriesAsync()
    {
        if (ExternalTool.Find("go") is null || !Directory.Exists(Path.Combine(DebianGoPath, "src", "golang.org", "x", "mod", "sumdb", "tlog")))
        {
            Assert.Skip("Go with golang.org/x/mod/sumdb is not installed (Debian packages golang-go, golang-golang-x-mod-dev).");
        }

        var server = await PlatformServer.StartAsync(data.Path);
        using var admin = server.AdminClient();
        for (var i = 0; i < 6; i++)
        {
            using var refused = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = $"go-{i}" });
        }

        using (await admin.PostAsync("/audit/checkpoint", null))
        {
        }

        var entries = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            using var one = JsonDocument.Parse(await admin.GetStringAsync($"/audit/events/{i}"));
            entries.Add(one.RootElement.GetProperty("entry").GetString()!);
        }

        return (server, entries);
    }

    private async Task<(int, string)> RunGoAsync(PlatformServer server, List<string> entries)
    {
        var input = data.File("entries.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(entries));
        var result = await ExternalTool.RunAsync(ExternalTool.Find("go")!,
            ["run", Path.Combine(AppContext.BaseDirectory, "Audit", "go", "httpverify.go"), server.Http.ToString(), input],
            environment: new Dictionary<string, string>
            {
                ["GO111MODULE"] = "off",
                ["GOPATH"] = DebianGoPath,
                ["GOPROXY"] = "off",
                ["GOFLAGS"] = "",
                ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "audit-tests-go-cache"),
            },
            timeout: TimeSpan.FromMinutes(3));
        return (result.ExitCode, result.Output + result.Error);
    }
}
