using TestSupport;

namespace Server.Tests.Acme;

/// <summary>
/// pebble-challtestsrv as the DNS of the ACME tests: it answers every A query with 127.0.0.1 (so
/// any name under test resolves to the clients' standalone listeners) and serves the dns-01 TXT
/// records set through its management API. Its own HTTP and TLS-ALPN challenge servers are off:
/// the clients under test answer those.
/// </summary>
public sealed class ChallengeTestServer : IAsyncDisposable
{
    private readonly BackgroundTool tool;

    private ChallengeTestServer(BackgroundTool tool, int dnsPort, int managementPort)
    {
        this.tool = tool;
        DnsResolver = $"127.0.0.1:{dnsPort}";
        ManagementUrl = new Uri($"http://127.0.0.1:{managementPort}");
    }

    /// <summary>host:port of its DNS server (UDP and TCP).</summary>
    public string DnsResolver { get; }

    /// <summary>The management API: <c>POST /set-txt</c>, <c>POST /clear-txt</c>.</summary>
    public Uri ManagementUrl { get; }

    public static async Task<ChallengeTestServer> StartAsync()
    {
        var file = ExternalTool.Require("pebble-challtestsrv");
        for (var attempt = 1; ; attempt++)
        {
            var (dns, management) = LoopbackPorts.Take(2) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
            // -defaultIPv6 "": without it AAAA queries answer ::1, pebble's validator prefers that,
            // and the clients listening on 127.0.0.1 are never reached ("dial tcp [::1]:…: connection refused").
            // challtestsrv 2.4 (Debian) has no -doh flag; later versions need -doh "" as well.
            var tool = BackgroundTool.Start(file,
            [
                "-dns01", $"127.0.0.1:{dns}", "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", $"127.0.0.1:{management}", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
            ]);
            // The DNS server binds UDP and TCP together: TCP accepting means both are up.
            if (await tool.WaitListeningAsync(management, dns))
            {
                return new ChallengeTestServer(tool, dns, management);
            }

            var output = tool.Output;
            await tool.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException("pebble-challtestsrv did not start:\n" + output);
            }
        }
    }

    public ValueTask DisposeAsync() => tool.DisposeAsync();
}
