using Audit.Checkpoints;
using Audit.Merkle;
using Audit.Verification;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>
/// Kills the server with SIGKILL while many clients are recording audit events, restarts it, and
/// checks the promise of the trail: every acknowledged event survived, and the log still extends
/// the last checkpoint it published.
/// </summary>
public sealed class AuditCrashTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Kill9_DuringConcurrentAppends_KeepsEveryAcknowledgedEventAndExtendsCheckpoint()
    {
        var acknowledged = new ConcurrentBag<string>();
        string lastNote, verifierKey;
        await using (var server = await ServerProcess.StartAsync(data.Path, "--Audit:CheckpointIntervalSeconds", "1"))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 32).Select(writer => Task.Run(async () =>
            {
                using var admin = server.AdminClient();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var profile = $"crash-{writer}-{i}";
                    try
                    {
                        using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile });
                        // The refusal is answered only after its audit event committed: an acknowledgement.
                        if (response.StatusCode == HttpStatusCode.BadRequest)
                        {
                            acknowledged.Add(profile);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            })).ToList();

            // Run until a good number were acknowledged (a loaded machine is slower), then kill mid-flight.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 300 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            using (var client = new HttpClient { BaseAddress = server.Http })
            {
                verifierKey = (await client.GetStringAsync("/audit/verifier-key")).Trim();
            }

            // A checkpoint published now, over what is appended so far: on a loaded machine the
            // periodic one may not have run yet (an empty tree has no consistency proof to extend).
            using (var admin = server.AdminClient())
            using (var published = await admin.PostAsync("/audit/checkpoint", null))
            {
                Assert.Equal(HttpStatusCode.OK, published.StatusCode);
                lastNote = await published.Content.ReadAsStringAsync();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300));
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count > 50, $"only {acknowledged.Count} appends were acknowledged before the kill");
        var key = NoteVerifierKey.Parse(verifierKey).Value!;
        var before = CheckpointVerifier.Verify(System.Text.Encoding.UTF8.GetBytes(lastNote), key, key.Name).Value!;

        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            using var admin = server.AdminClient();
            var recorded = await RecordedProfilesAsync(admin);
            var lost = acknowledged.Where(p => !recorded.Contains(p)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged events were lost, e.g. {string.Join(", ", lost.Take(5))}");

            using var publish = await admin.PostAsync("/audit/checkpoint", null);
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
            var after = CheckpointVerifier.Verify(await publish.Content.ReadAsByteArrayAsync(), key, key.Name).Value!;
            Assert.True(after.TreeSize >= before.TreeSize);
            var proof = await admin.GetFromJsonAsync<JsonElement>($"/audit/proof/consistency?from={before.TreeSize}&to={after.TreeSize}");
            var path = proof.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            Assert.True(CheckpointVerifier.VerifyExtends(before, after, new ConsistencyProof(before.TreeSize, after.TreeSize, path)).IsValid);
        }

        var report = await DatabaseVerifier.VerifyDataDirectoryAsync(data.Path);
        Assert.True(report.Verified, string.Join("\n", report.Problems));
    }

    private static async Task<HashSet<string>> RecordedProfilesAsync(HttpClient admin)
    {
        var profiles = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await admin.GetStringAsync(
                "/audit/events?action=certificate.issue&outcome=failure&limit=1000" + (cursor is null ? "" : "&cursor=" + cursor)));
            foreach (var e in page.RootElement.GetProperty("events").EnumerateArray())
            {
                profiles.Add(e.GetProperty("details").GetProperty("profile").GetString()!);
            }

            cursor = page.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);

        return profiles;
    }
}
