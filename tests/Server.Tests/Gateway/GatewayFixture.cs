using Gateway.Verification;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// The platform with the gateway in front of a running upstream, configured as an operator would:
/// an approval route for tokens or certificates, a certificate-only route, an anonymous route, a
/// route to an upstream that is down, and routes with rate limits, a body limit, a short upstream
/// timeout and an actively health-checked pair of destinations.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string Audience = "https://approvals.city.example";

    /// <summary>The policies the tests decide by: approvers approve, archivists read the archive, nothing closed is touched.</summary>
    public const string Policies = """
        @id("approvers") permit(principal in Role::"approver", action == Action::"approve", resource);
        @id("archivists") permit(principal in Role::"archivist", action == Action::"read", resource == Archive::"city-archive");
        @id("no-closed") forbid(principal, action, resource == Approval::"closed");
        """;

    private readonly TemporaryDirectory data = new();

    internal Upstream Upstream { get; private set; } = null!;

    public PlatformServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Upstream = await Upstream.StartAsync();
        Server = await PlatformServer.StartAsync(data.Path, Arguments(Upstream.Address, DownAddress()));
        Upstream.Verifier = new GatewayIdentityVerifier(Server.HttpsClient(), new Uri(Server.Https, "/gateway/keys"));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Upstream.DisposeAsync();
        data.Dispose();
    }

    internal static string[] Arguments(Uri upstream, Uri down) =>
    [
        .. Route("approve", "/approvals/{id}/approve", "approvals",
            ("Audience", Audience), ("Action", "approve"), ("ResourceType", "Approval"), ("ResourceId", "{id}")),
        .. Route("archive", "/archive/{**rest}", "approvals",
            ("Authentication", "Certificate"), ("Action", "read"), ("ResourceType", "Archive"), ("ResourceId", "city-archive")),
        .. Route("public", "/public/{**rest}", "approvals", ("Authentication", "Anonymous")),
        .. Route("down", "/down/{id}", "down",
            ("Authentication", "Certificate"), ("Action", "approve"), ("ResourceType", "Approval"), ("ResourceId", "{id}")),
        .. Route("limited", "/limited/{**rest}", "approvals", ("Authentication", "Anonymous"), ("RateLimitPerClient", "3/60")),
        .. Route("quota", "/quota/{**rest}", "approvals", ("Authentication", "Certificate"), ("RateLimitPerClient", "2/60"),
            ("Action", "read"), ("ResourceType", "Archive"), ("ResourceId", "city-archive")),
        .. Route("busy", "/busy/{**rest}", "approvals", ("Authentication", "Certificate"), ("RateLimitPerRoute", "3/60"),
            ("Action", "read"), ("ResourceType", "Archive"), ("ResourceId", "city-archive")),
        .. Route("upload", "/upload/{**rest}", "approvals", ("Authentication", "Anonymous"), ("MaxRequestBodyBytes", "1024")),
        .. Route("slow", "/slow/{**rest}", "slow", ("Authentication", "Anonymous")),
        .. Route("pair", "/pair/{**rest}", "pair", ("Authentication", "Anonymous")),
        "--Gateway:Clusters:approvals:Destinations:app:Address", upstream.ToString(),
        "--Gateway:Clusters:down:Destinations:app:Address", down.ToString(),
        "--Gateway:Clusters:slow:Destinations:app:Address", upstream.ToString(),
        "--Gateway:Clusters:slow:HttpRequest:ActivityTimeout", "00:00:01",
        // One destination up, one down: active health checks take the dead one out of rotation.
        "--Gateway:Clusters:pair:Destinations:up:Address", upstream.ToString(),
        "--Gateway:Clusters:pair:Destinations:down:Address", down.ToString(),
        "--Gateway:Clusters:pair:LoadBalancingPolicy", "RoundRobin",
        "--Gateway:Clusters:pair:HealthCheck:Active:Enabled", "true",
        "--Gateway:Clusters:pair:HealthCheck:Active:Interval", "00:00:01",
        "--Gateway:Clusters:pair:HealthCheck:Active:Timeout", "00:00:01",
        "--Gateway:Clusters:pair:HealthCheck:Active:Policy", "ConsecutiveFailures",
        "--Gateway:Clusters:pair:HealthCheck:Active:Path", "/health",
    ];

    private static IEnumerable<string> Route(string id, string path, string cluster, params (string Key, string Value)[] metadata)
    {
        yield return $"--Gateway:Routes:{id}:Match:Path";
        yield return path;
        yield return $"--Gateway:Routes:{id}:ClusterId";
        yield return cluster;
        foreach (var (key, value) in metadata)
        {
            yield return $"--Gateway:Routes:{id}:Metadata:{key}";
            yield return value;
        }
    }

    // A loopback port nothing listens on: connections to it are refused at once.
    internal static Uri DownAddress()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        var port = ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
