using Server.Tests.Hosting;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Pki;

/// <summary>
/// SIGKILL while departments are being issued certificates and some are revoked: after a restart
/// every certificate and every revocation the platform acknowledged is there.
/// </summary>
public sealed class CaCrashTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Kill9_DuringConcurrentIssuanceAndRevocation_LosesNothingAcknowledged()
    {
        var issued = new ConcurrentBag<string>();
        var revoked = new ConcurrentBag<string>();
        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            using var stop = new CancellationTokenSource();
            var csrs = Enumerable.Range(0, 16).Select(i => TestCsrs.Ecdsa($"CN=crash{i}.example.org", null, $"crash{i}.example.org")).ToArray();
            var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
            {
                using var admin = server.AdminClient();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = csrs[writer], profile = "tls-server" });
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            continue;
                        }

                        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        var serial = body.RootElement.GetProperty("serialNumber").GetString()!;
                        issued.Add(serial);
                        if (i % 4 == 0)
                        {
                            using var revoke = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "superseded" });
                            if (revoke.StatusCode == HttpStatusCode.OK)
                            {
                                revoked.Add(serial);
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (issued.Count < 150 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.NotEmpty(issued);
        await using var restarted = await PlatformServer.StartAsync(data.Path);
        using var client = restarted.AdminClient();
        foreach (var serial in issued)
        {
            using var response = await client.GetAsync($"/pki/certificates/{serial}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"acknowledged certificate {serial} was lost");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (revoked.Contains(serial))
            {
                Assert.Equal("revoked", body.RootElement.GetProperty("status").GetString());
            }
        }
    }
}
