using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Console;

/// <summary>
/// An officer in a real browser: searches the trail, opens an event, verifies it against the
/// signed checkpoint with the browser's own WebCrypto, and sees a tampered event fail.
/// </summary>
public sealed class AuditConsoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Officer_SearchesOpensAndVerifiesAnEvent_VerifiedAgainstTheSignedCheckpoint()
    {
        await using var session = await fixture.SignInAsync(["auditor"]);
        var page = session.Page;
        var index = await ConsoleAudit.SignInEventAsync(Server, session.Person.Login);
        var size = await ConsoleAudit.PublishCheckpointAsync(Server);
        var keyName = await ConsoleAudit.VerifierKeyNameAsync(Server);

        await session.OpenAsync("audit");
        await page.FillAsync("#filter-target", session.Person.Login);
        await page.SelectOptionAsync("#filter-outcome", "success");
        await page.ClickAsync("#audit-search-submit");
        await page.Locator("#audit-events").WaitForAsync();
        Assert.Contains("target=" + session.Person.Login, page.Url, StringComparison.Ordinal);
        await ConsoleScreenshots.TakeAsync(page, "audit-search");
        await page.Locator("a.event-link", new() { HasText = index.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ClickAsync();
        await page.Locator("#event-entry").WaitForAsync();
        Assert.Equal("sign-in", await page.Locator("#event-action").TextContentAsync());

        await page.ClickAsync("#verify");
        // First use: the officer is shown the key and its fingerprint and pins it.
        await session.WaitAsync("#pin-offer");
        Assert.Equal(keyName, await page.Locator("#server-key-name").TextContentAsync());
        await ConsoleScreenshots.TakeAsync(page, "audit-pin-key");
        await page.ClickAsync("#pin-key");
        var verdict = await session.WaitAsync("#verdict");

        Assert.Equal("verified", await verdict.GetAttributeAsync("data-verdict"));
        Assert.Equal($"Verified against checkpoint {size} signed by {keyName}.", await verdict.TextContentAsync());
        Assert.True(double.Parse((await verdict.GetAttributeAsync("data-total-ms"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await ConsoleScreenshots.TakeAsync(page, "audit-verified");

        // A later checkpoint must be consistent with the one this browser saw: proved in the browser.
        await ConsoleAudit.PublishCheckpointAsync(Server);
        await session.OpenAsync("audit", "/checkpoints");
        await page.ClickAsync("#check-consistency");
        var consistency = await session.WaitAsync("#consistency-verdict");
        Assert.Equal("verified", await consistency.GetAttributeAsync("data-verdict"));
        await ConsoleScreenshots.TakeAsync(page, "audit-checkpoints");
        Assert.Empty(session.BrowserErrors);
    }

    [Fact]
    public async Task TamperedEvent_ItsStoredBytesChanged_ShowsNotVerified()
    {
        await using var session = await fixture.SignInAsync(["auditor"]);
        var page = session.Page;
        var index = await ConsoleAudit.SignInEventAsync(Server, session.Person.Login);
        await ConsoleAudit.PublishCheckpointAsync(Server);
        var original = Convert.FromBase64String((await ConsoleAudit.EventAsync(Server, index)).GetProperty("entry").GetString()!);
        // Someone with disk access edits the event; the tree's stored hashes are left as they were.
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\"success\"", "\"failure\"", StringComparison.Ordinal));
        Assert.NotEqual(original, altered);
        await UpdateEntryAsync(index, altered);

        await session.OpenAsync("audit", $"/event/{index}");
        await page.Locator("#event-entry").WaitForAsync();
        Assert.Equal("failure", await page.Locator("#event-outcome").TextContentAsync());
        await page.ClickAsync("#verify");
        await (await session.WaitAsync("#pin-key")).ClickAsync();
        var verdict = await session.WaitAsync("#verdict");

        Assert.Equal("failed", await verdict.GetAttributeAsync("data-verdict"));
        Assert.StartsWith("NOT verified", await verdict.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("does not lead to the root", await page.Locator("#verify-steps").TextContentAsync(), StringComparison.Ordinal);
        await ConsoleScreenshots.TakeAsync(page, "audit-tampered");
        await UpdateEntryAsync(index, original);
    }

    [Fact]
    public async Task MerkleChecks_OfTheConsole_PassTheRfc6962Vectors()
    {
        var node = ExternalTool.Require("node");
        var vectors = SharedData.Require("merkle", "testdata");
        var script = Path.Combine(AppContext.BaseDirectory, "Console", "merkle-vectors.mjs");
        var result = await ExternalTool.RunAsync(node, [script, ConsoleSources.WwwRoot, vectors]);
        Assert.True(result.ExitCode == 0, result.Error);
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(report.GetProperty("count").GetInt32() > 100);
        Assert.Empty(report.GetProperty("wrong").EnumerateArray());
    }

    [Fact]
    public async Task NoteChecks_OfTheConsole_AcceptTheRightSignatureOnly()
    {
        var node = ExternalTool.Require("node");
        var script = Path.Combine(AppContext.BaseDirectory, "Console", "note-checks.mjs");
        var result = await ExternalTool.RunAsync(node, [script, ConsoleSources.WwwRoot]);
        Assert.True(result.ExitCode == 0, result.Error);
        var report = JsonDocument.Parse(result.Output).RootElement;

        Assert.Equal("audit.example.gov/log", report.GetProperty("keyName").GetString());
        Assert.Equal("4821", report.GetProperty("size").GetString());
        Assert.Equal("valid", report.GetProperty("valid").GetString());
        Assert.Equal("invalid", report.GetProperty("changedBody").GetString());
        Assert.Equal("absent", report.GetProperty("otherKey").GetString());
        Assert.Equal("key-malformed", report.GetProperty("malformedKey").GetString());
        Assert.Equal("note-malformed", report.GetProperty("malformedNote").GetString());
    }

    private async Task UpdateEntryAsync(long index, byte[] entry)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Server.DataFile("audit.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE entries SET entry = @entry WHERE idx = @idx";
        command.Parameters.AddWithValue("@entry", entry);
        command.Parameters.AddWithValue("@idx", index);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
