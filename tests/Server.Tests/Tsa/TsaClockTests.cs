using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Tsp;
using Server.Tests.Hosting;
using System.Net;
using TestSupport;

namespace Server.Tests.Tsa;

/// <summary>RFC 3628: no token while the clock is out of its stated accuracy or unchecked; readiness says so.</summary>
public sealed class TsaClockTests
{
    [Fact]
    public async Task ClockMonitor_RefusesOutOfToleranceAndSilence_AndRecovers()
    {
        using var ntp = new FakeNtpServer();
        using var data = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path,
            "--Tsa:Clock:NtpServers:0", $"127.0.0.1:{ntp.Port}",
            "--Tsa:Clock:CheckIntervalSeconds", "0.2",
            "--Tsa:Clock:MaxStalenessSeconds", "1.5",
            "--Tsa:AccuracyMilliseconds", "500");
        using var client = server.HttpClient();

        Assert.Equal(0, await StampStatusAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        ntp.Offset = TimeSpan.FromSeconds(3);
        await WaitUntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable);
        TsaClient.AssertRejected(await StampAsync(client), PkiFailureInfo.TimeNotAvailable);

        ntp.Offset = TimeSpan.Zero;
        await WaitUntilAsync(async () => await StampStatusAsync(client) == 0);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        ntp.Silent = true;
        await WaitUntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable);
        TsaClient.AssertRejected(await StampAsync(client), PkiFailureInfo.TimeNotAvailable);

        ntp.Silent = false;
        await WaitUntilAsync(async () => await StampStatusAsync(client) == 0);
    }

    private static Task<byte[]> StampAsync(HttpClient client) =>
        TsaClient.PostAsync(client, new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[32]).GetEncoded());

    private static async Task<int> StampStatusAsync(HttpClient client) => new TimeStampResponse(await StampAsync(client)).Status;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the clock monitor did not react in time");
            await Task.Delay(100);
        }
    }
}
