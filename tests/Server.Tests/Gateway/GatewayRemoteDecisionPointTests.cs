using System.Net;
using System.Security.Cryptography.X509Certificates;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// A gateway that asks a decision point on another platform over HTTP (<c>Gateway:DecisionPoint</c>):
/// that platform's policies decide, a change there counts from the next request (nothing is
/// cached, the gateway cannot tell when answers change), and when it cannot be asked nothing is
/// forwarded (503).
/// </summary>
public sealed class GatewayRemoteDecisionPointTests
{
    [Fact]
    public async Task PoliciesOfTheOtherPlatformDecide_AChangeThereCountsAtOnce_UnreachableIs503()
    {
        using var authorizationData = new TemporaryDirectory();
        using var gatewayData = new TemporaryDirectory();
        using var files = new TemporaryDirectory();
        await using var upstream = await Upstream.StartAsync();
        var authorization = await PlatformServer.StartAsync(authorizationData.Path);
        try
        {
            // The gateway's client certificate for the decision point, from that platform's CA.
            using (var credential = await AuthzClient.ClientCertificateAsync(authorization, "CN=Gateway of the approvals office,O=City"))
            {
                await File.WriteAllTextAsync(Path.Combine(files.Path, "gateway.pem"), credential.ExportCertificatePem());
                await File.WriteAllTextAsync(Path.Combine(files.Path, "gateway.key"), credential.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            }

            await using var gateway = await PlatformServer.StartAsync(gatewayData.Path,
            [
                .. GatewayFixture.Arguments(upstream.Address, GatewayFixture.DownAddress()),
                "--Gateway:Platform:Url", authorization.Https.ToString(),
                "--Gateway:Platform:ClientCertificateFile", Path.Combine(files.Path, "gateway.pem"),
                "--Gateway:Platform:ClientKeyFile", Path.Combine(files.Path, "gateway.key"),
                "--Gateway:Platform:TrustedCaFile", authorization.DataFile("ca-chain.pem"),
            ]);
            using var archivist = await AuthzClient.ClientCertificateAsync(gateway, $"CN=archivist-{Guid.NewGuid():n},O=City");
            var serial = HolderClient.Serial(archivist);
            using var client = gateway.HttpsClient(archivist);
            using var admin = authorization.AdminClient();
            var permit = $"@id(\"remote-archivist\") permit(principal == Certificate::\"{serial}\", action == Action::\"read\", resource == Archive::\"city-archive\");";

            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, permit));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client));
            var received = Assert.Single(upstream.Received, r => r.PathAndQuery == "/archive/minutes");
            Assert.Equal("allow; policies=remote-archivist", received.Headers["X-SecurityPlatform-Decision"]);

            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, permit.Replace(" permit(", " forbid(", StringComparison.Ordinal)));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(client));

            await authorization.DisposeAsync();
            using var unavailable = await client.GetAsync("/archive/minutes");
            await ProblemAssert.IsProblemAsync(unavailable, HttpStatusCode.ServiceUnavailable, "decision-point-unavailable");
            Assert.Single(upstream.Received, r => r.PathAndQuery == "/archive/minutes");
        }
        finally
        {
            await authorization.DisposeAsync();
        }
    }

    [Fact]
    public async Task GatewaysOwnCredentialRefusedThere_503_NotADenialOfTheCaller()
    {
        using var authorizationData = new TemporaryDirectory();
        using var gatewayData = new TemporaryDirectory();
        await using var upstream = await Upstream.StartAsync();
        await using var authorization = await PlatformServer.StartAsync(authorizationData.Path);
        await using var gateway = await PlatformServer.StartAsync(gatewayData.Path,
        [
            .. GatewayFixture.Arguments(upstream.Address, GatewayFixture.DownAddress()),
            "--Gateway:Platform:Url", authorization.Https.ToString(),
            "--Gateway:Platform:TrustedCaFile", authorization.DataFile("ca-chain.pem"),
        ]);
        using var archivist = await AuthzClient.ClientCertificateAsync(gateway, $"CN=archivist-{Guid.NewGuid():n},O=City");
        using var client = gateway.HttpsClient(archivist);

        using var response = await client.GetAsync("/archive/minutes");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "decision-point-unavailable");
        Assert.Contains("client certificate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/archive/minutes");
        return response.StatusCode;
    }
}
