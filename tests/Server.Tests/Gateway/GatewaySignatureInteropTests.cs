using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using Server.Tests.Identity.Interop;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// The gateway's signatures verify with an RFC 9421 implementation nobody here wrote: npm
/// <c>http-message-signatures</c>, given the request as the upstream received it and the key set of
/// <c>GET /gateway/keys</c>; the same request with another principal does not.
/// </summary>
public sealed class GatewaySignatureInteropTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string PackageVersion = "1.0.6";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task SignedRequest_VerifiesWithHttpMessageSignatures_AndATamperedOneDoesNot()
    {
        var folder = await NodePackages.InstallAsync(new Dictionary<string, string> { ["http-message-signatures"] = PackageVersion }, "Gateway");
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, """@id("approvers") permit(principal in Role::"approver", action == Action::"approve", resource);"""));
        using var approver = await AuthzClient.ClientCertificateAsync(Server, $"CN=interop-{Guid.NewGuid():n},O=City");
        await HolderClient.GrantAsync(admin, HolderClient.Serial(approver), "approver");
        using (var client = Server.HttpsClient(approver))
        using (var response = await client.PostAsync("/approvals/%E5%AE%A1%E6%89%B9-7/approve?lang=zh&step=2", null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var received = Assert.Single(fixture.Upstream.Received, r => r.PathAndQuery.Contains("lang=zh&step=2", StringComparison.Ordinal));
        Assert.True(received.Verification!.IsVerified, received.Verification.Failure);
        using var anonymous = Server.HttpClient();
        var keys = await anonymous.GetFromJsonAsync<JsonElement>("/gateway/keys");
        var headers = received.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        var url = new Uri(fixture.Upstream.Address, received.RawTarget).ToString();

        var genuine = await VerifyAsync(folder, received.Method, url, headers, keys);
        var tampered = await VerifyAsync(folder, received.Method, url,
            new Dictionary<string, string>(headers) { ["x-securityplatform-principal"] = "person:mayor" }, keys);

        Assert.True(genuine.ExitCode == 0, genuine.ToString());
        Assert.Contains("verified", genuine.Output, StringComparison.Ordinal);
        Assert.True(tampered.ExitCode != 0, "A changed principal verified: " + tampered);
    }

    private static Task<ToolResult> VerifyAsync(string folder, string method, string url, IReadOnlyDictionary<string, string> headers, JsonElement keys)
    {
        var input = JsonSerializer.SerializeToUtf8Bytes(new { method, url, headers, keys });
        return ExternalTool.RunAsync(ExternalTool.Require("node"), [Path.Combine(folder, "verify-gateway-signature.mjs")], folder, input, timeout: TimeSpan.FromSeconds(30));
    }
}
