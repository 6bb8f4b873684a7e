using Server.Cli;
using Server.Tests.Hosting;
using Server.Tests.Keys;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Identity;

/// <summary><c>identity rotate-keys</c> on a stopped platform: the next key is made, listed and audited; a second run changes nothing.</summary>
public sealed class RotateKeysCommandTests : IDisposable
{
    private const string Action = "signing-key.rotate";
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task RotateKeys_AfterFirstStart_MakesTheNextKey_ListedAndAudited()
    {
        await StartAndStopAsync();
        var current = Assert.Single(await SigningKeysAsync(), e => KeyInventoryTests.Purposes(e).Contains("identity token signing (current)"));

        Assert.Equal(0, await CommandLine.RunAsync(["identity", "rotate-keys", "--Platform:DataDirectory", data.Path]));

        var keys = await SigningKeysAsync();
        Assert.Equal(2, keys.Count);
        var next = Assert.Single(keys, e => KeyInventoryTests.Purposes(e).Contains("identity token signing (next)"));
        Assert.Equal("ECDSA-P256", next.GetProperty("algorithm").GetString());
        Assert.True(File.Exists(Path.Combine(data.Path, "keys", next.GetProperty("keyId").GetString() + ".key")));
        var recorded = Assert.Single(await KeyCommandAudit.EventsAsync(data.Path, Action));
        Assert.Equal("success", recorded.GetProperty("outcome").GetString());
        Assert.Equal("identity", recorded.GetProperty("module").GetString());
        Assert.Equal("ceremony:" + Environment.UserName, recorded.GetProperty("actor").GetProperty("user").GetString());
        Assert.Equal(next.GetProperty("keyId").GetString(), recorded.GetProperty("target").GetString());
        Assert.Equal(current.GetProperty("keyId").GetString(), recorded.GetProperty("details").GetProperty("current").GetString());
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    [Fact]
    public async Task RotateKeys_WhileTheNextKeyIsPending_ExitsOne_ChangesNothing_RecordsTheRefusal()
    {
        await StartAndStopAsync();
        Assert.Equal(0, await CommandLine.RunAsync(["identity", "rotate-keys", "--Platform:DataDirectory", data.Path]));
        var before = Directory.GetFiles(Path.Combine(data.Path, "keys")).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(1, await CommandLine.RunAsync(["identity", "rotate-keys", "--Platform:DataDirectory", data.Path]));

        Assert.Equal(before, Directory.GetFiles(Path.Combine(data.Path, "keys")).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(2, (await SigningKeysAsync()).Count);
        var events = await KeyCommandAudit.EventsAsync(data.Path, Action);
        Assert.Equal(["success", "failure"], events.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal("a next key is already pending", events[1].GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal(events[0].GetProperty("target").GetString(), events[1].GetProperty("target").GetString());
    }

    [Fact]
    public async Task RotateKeys_ThenStart_ServerStartsWithTheRotatedRing()
    {
        await StartAndStopAsync();
        Assert.Equal(0, await CommandLine.RunAsync(["identity", "rotate-keys", "--Platform:DataDirectory", data.Path]));

        await StartAndStopAsync();

        Assert.Equal(2, (await SigningKeysAsync()).Count);
    }

    [Fact]
    public async Task RotateKeys_BadUsage_ExitsTwo()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["identity"]));
        Assert.Equal(2, await CommandLine.RunAsync(["identity", "rotate"]));
        Assert.Equal(2, await CommandLine.RunAsync(["identity", "rotate-keys", "--force"]));
        Assert.Equal(2, await CommandLine.RunAsync(["identity", "rotate-keys", "--Platform:DataDirectory"]));
    }

    [Fact]
    public async Task RotateKeys_WithEdDsaConfigured_ExitsOneNamingTheSetting_MakesNoKey()
    {
        await StartAndStopAsync();
        var before = Directory.GetFiles(Path.Combine(data.Path, "keys")).Length;

        Assert.Equal(1, await CommandLine.RunAsync(["identity", "rotate-keys", "--Platform:DataDirectory", data.Path, "--Identity:SigningAlgorithm", "EdDSA"]));

        Assert.Equal(before, Directory.GetFiles(Path.Combine(data.Path, "keys")).Length);
        Assert.Empty(await KeyCommandAudit.EventsAsync(data.Path, Action));
    }

    private async Task StartAndStopAsync()
    {
        await using (await PlatformServer.StartAsync(data.Path))
        {
        }
    }

    private async Task<List<JsonElement>> SigningKeysAsync()
    {
        var output = new StringWriter();
        Assert.Equal(0, await KeysListCommand.RunAsync(["--json", "--Platform:DataDirectory", data.Path], output));
        using var document = JsonDocument.Parse(output.ToString());
        return [.. document.RootElement.EnumerateArray()
            .Where(e => KeyInventoryTests.Purposes(e).Any(p => p.StartsWith("identity token signing", StringComparison.Ordinal)))
            .Select(e => e.Clone())];
    }
}
