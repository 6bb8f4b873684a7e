using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Org.BouncyCastle.Tsp;
using Server.Tests.Hosting;
using Server.Tests.Tsa;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>
/// Checkpoints time-stamped by the platform's TSA, on the real host: the reply served beside the
/// checkpoint verifies with OpenSSL, stamping adds nothing to the log, bad queries are problems,
/// and tokens survive a restart.
/// </summary>
public sealed class AuditTimeStampTests : IDisposable
{
    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory files = new();

    public void Dispose()
    {
        data.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task CheckpointTimestamp_AfterPublication_OpenSslVerifiesItOverTheServedCheckpoint()
    {
        var openssl = ExternalTool.Require("openssl");
        await using var server = await StartAsync();
        await RecordAsync(server, "stamped", 3);
        await PublishAsync(server);
        using var client = server.HttpClient();
        var note = await client.GetByteArrayAsync("/audit/checkpoint");
        using var reply = await client.GetAsync("/audit/checkpoint/timestamp");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("application/timestamp-reply", reply.Content.Headers.ContentType?.MediaType);
        await File.WriteAllBytesAsync(files.File("checkpoint"), note);
        await File.WriteAllBytesAsync(files.File("checkpoint.tsr"), await reply.Content.ReadAsByteArrayAsync());
        await File.WriteAllTextAsync(files.File("tsa-chain.pem"), await client.GetStringAsync("/tsa/certificate-chain"));
        var verified = await ExternalTool.RunAsync(openssl,
            ["ts", "-verify", "-data", files.File("checkpoint"), "-in", files.File("checkpoint.tsr"),
             "-CAfile", server.DataFile("root-ca.pem"), "-untrusted", files.File("tsa-chain.pem")]);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Verification: OK", verified.Output);
        var text = await ExternalTool.RunAsync(openssl, ["ts", "-reply", "-in", files.File("checkpoint.tsr"), "-text"]);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Status: Granted.", text.Output);
        Assert.Contains("Hash Algorithm: sha256", text.Output);

        // The same checkpoint with one byte changed is not what the token stamped.
        note[^2] ^= 1;
        await File.WriteAllBytesAsync(files.File("altered"), note);
        var altered = await ExternalTool.RunAsync(openssl,
            ["ts", "-verify", "-data", files.File("altered"), "-in", files.File("checkpoint.tsr"),
             "-CAfile", server.DataFile("root-ca.pem"), "-untrusted", files.File("tsa-chain.pem")]);
        Assert.NotEqual(0, altered.ExitCode);
    }

    [Fact]
    public async Task CheckpointTimestamp_GivenSize_ServesThatCheckpointAndItsToken()
    {
        await using var server = await StartAsync();
        await RecordAsync(server, "first", 1);
        var first = await PublishAsync(server);
        var firstSize = SizeOf(first);
        using var client = server.HttpClient();
        var firstReply = await client.GetByteArrayAsync("/audit/checkpoint/timestamp");
        await RecordAsync(server, "second", 1);
        await PublishAsync(server);

        Assert.Equal(first, await client.GetStringAsync($"/audit/checkpoint?size={firstSize}"));
        Assert.Equal(firstReply, await client.GetByteArrayAsync($"/audit/checkpoint/timestamp?size={firstSize}"));
        Assert.NotEqual(firstReply, await client.GetByteArrayAsync("/audit/checkpoint/timestamp"));
        var token = new TimeStampResponse(firstReply).TimeStampToken;
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(first)), token.TimeStampInfo.GetMessageImprintDigest());
    }

    [Fact]
    public async Task PublishAsync_Stamped_AddsNoEventAndSignsNoNewCheckpoint()
    {
        await using var server = await StartAsync();
        await RecordAsync(server, "quiet", 2);
        var note = await PublishAsync(server);
        using var client = server.HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit/checkpoint/timestamp")).StatusCode);

        // A token that were an event would grow the log, so the next publication would sign again.
        Assert.Equal(note, await PublishAsync(server));
        Assert.Equal(SizeOf(note), await server.Services.GetRequiredService<global::Audit.Storage.IAuditStore>().GetSizeAsync());
    }

    [Fact]
    public async Task Start_CheckpointPublishedDuringStartUp_GetsItsTokenOnceStarted()
    {
        await using var server = await StartAsync();
        using var client = server.HttpClient();
        var note = await client.GetStringAsync("/audit/checkpoint");

        // Published before the TSA had started, stamped without waiting for the (day-long) interval.
        await Eventually.EqualAsync(HttpStatusCode.OK, async () => (await client.GetAsync("/audit/checkpoint/timestamp")).StatusCode);
        Assert.Equal(note, await client.GetStringAsync("/audit/checkpoint"));
    }

    [Theory]
    [InlineData("/audit/checkpoint/timestamp?size=x", HttpStatusCode.BadRequest, "size-invalid")]
    [InlineData("/audit/checkpoint/timestamp?size=01", HttpStatusCode.BadRequest, "size-invalid")]
    [InlineData("/audit/checkpoint/timestamp?size=-1", HttpStatusCode.BadRequest, "size-invalid")]
    [InlineData("/audit/checkpoint/timestamp?size=99999999999999999999", HttpStatusCode.BadRequest, "size-invalid")]
    [InlineData("/audit/checkpoint/timestamp?size=123456", HttpStatusCode.NotFound, "checkpoint-unknown")]
    [InlineData("/audit/checkpoint?size=", HttpStatusCode.BadRequest, "size-invalid")]
    [InlineData("/audit/checkpoint?size=123456", HttpStatusCode.NotFound, "checkpoint-unknown")]
    public async Task CheckpointEndpoints_BadSize_AnswerProblems(string path, HttpStatusCode status, string code)
    {
        await using var server = await StartAsync();
        using var client = server.HttpClient();

        await ProblemAssert.IsProblemAsync(await client.GetAsync(path), status, code);
    }

    [Fact]
    public async Task ClockUnavailable_CheckpointsPublishedWithoutTokens_NextPublicationAfterRecoveryCarriesOne()
    {
        using var ntp = new FakeNtpServer();
        string[] clock = ["--Tsa:Clock:NtpServers:0", $"127.0.0.1:{ntp.Port}", "--Tsa:Clock:CheckIntervalSeconds", "0.2",
            "--Tsa:Clock:MaxStalenessSeconds", "1.5", "--Tsa:AccuracyMilliseconds", "500"];
        long refusedSize, stampedSize;
        byte[] stampedReply;
        await using (var server = await StartAsync(clock))
        {
            using var client = server.HttpClient();
            ntp.Offset = TimeSpan.FromSeconds(3);
            await WaitUntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable);
            await RecordAsync(server, "during-outage", 2);
            refusedSize = SizeOf(await PublishAsync(server));

            await ProblemAssert.IsProblemAsync(await client.GetAsync("/audit/checkpoint/timestamp"), HttpStatusCode.NotFound, "checkpoint-timestamp-unavailable");
            var readiness = await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Degraded, readiness.Entries["audit-timestamps"].Status);
            Assert.Contains($"size {refusedSize} has no time-stamp token", readiness.Entries["audit-timestamps"].Description);

            ntp.Offset = TimeSpan.Zero;
            await WaitUntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
            await RecordAsync(server, "after-outage", 1);
            stampedSize = SizeOf(await PublishAsync(server));
            using var reply = await client.GetAsync("/audit/checkpoint/timestamp");
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            stampedReply = await reply.Content.ReadAsByteArrayAsync();
            Assert.True(stampedSize > refusedSize);
        }

        await using var restarted = await StartAsync(clock);
        using var again = restarted.HttpClient();
        Assert.Equal(stampedReply, await again.GetByteArrayAsync($"/audit/checkpoint/timestamp?size={stampedSize}"));
        // Superseded before the TSA answered: it stays without a token, covered by the next stamped one.
        await ProblemAssert.IsProblemAsync(await again.GetAsync($"/audit/checkpoint/timestamp?size={refusedSize}"),
            HttpStatusCode.NotFound, "checkpoint-timestamp-unavailable");
        Assert.Equal(0, await Server.Cli.CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    internal static Task<PlatformServer> StartAsync(TemporaryDirectory data, params string[] extra) =>
        PlatformServer.StartAsync(data.Path, ["--Audit:CheckpointIntervalSeconds", "86400", .. extra]);

    internal static async Task<string> PublishAsync(PlatformServer server)
    {
        using var admin = server.AdminClient();
        using var response = await admin.PostAsync("/audit/checkpoint", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    // Refused issuances are audit events, one each.
    internal static async Task RecordAsync(PlatformServer server, string prefix, int count)
    {
        using var admin = server.AdminClient();
        for (var i = 0; i < count; i++)
        {
            using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = $"{prefix}-{i}" });
        }
    }

    internal static long SizeOf(string note) => long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

    private Task<PlatformServer> StartAsync(params string[] extra) => StartAsync(data, extra);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the TSA's clock monitor did not react in time");
            await Task.Delay(100);
        }
    }
}
