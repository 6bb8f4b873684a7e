using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Verification;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// The gateway's signing keys change without upstreams noticing: a key due for renewal is published
/// before it signs, and a key whose certificate is revoked is replaced at once and no longer published.
/// </summary>
public sealed partial class GatewayKeyRotationTests
{
    private const string Policy = """@id("approvers") permit(principal in Role::"approver", action == Action::"approve", resource);""";

    [Fact]
    public async Task CertificateDueForRenewal_TheNextKeyIsPublished_WhileTheCurrentOneGoesOnSigning()
    {
        // Gateway certificates valid 30 days, renewed 31 days ahead: the next key is due at once.
        await using var setup = await StartAsync(
            "--Pki:Profiles:gateway:Description", "Gateway, short-lived", "--Pki:Profiles:gateway:ValidityDays", "30",
            "--Pki:Profiles:gateway:KeyUsage:0", "digitalSignature", "--Pki:Profiles:gateway:RequireCommonName", "true",
            "--Gateway:Signing:RenewDaysBeforeExpiry", "31", "--Gateway:Signing:PublishAheadMinutes", "60");

        var published = await WaitForKeysAsync(setup.Server, ids => ids.Count == 2);
        var signedBy = await ForwardAsync(setup);

        Assert.Equal(published[0], signedBy);
        Assert.NotEqual(published[1], signedBy);
    }

    [Fact]
    public async Task CertificateRevoked_ANewKeySignsAtOnce_AndTheRevokedOneIsNoLongerPublished()
    {
        await using var setup = await StartAsync();
        var before = Assert.Single(await WaitForKeysAsync(setup.Server, ids => ids.Count == 1));
        Assert.Equal(before, await ForwardAsync(setup));

        using (var admin = setup.Server.AdminClient())
        {
            await HolderClient.ChangeCertificateAsync(admin, before, "keyCompromise");
        }

        var after = Assert.Single(await WaitForKeysAsync(setup.Server, ids => ids.Count == 1 && ids[0] != before));
        // An upstream that held the old key set finds the new key by its id.
        setup.Upstream.Verifier = new GatewayIdentityVerifier(setup.Server.HttpsClient(), new Uri(setup.Server.Https, "/gateway/keys"));
        Assert.Equal(after, await ForwardAsync(setup));
    }

    private static async Task<Setup> StartAsync(params string[] extra)
    {
        var upstream = await Upstream.StartAsync();
        var data = new TemporaryDirectory();
        var server = await PlatformServer.StartAsync(data.Path, [.. GatewayFixture.Arguments(upstream.Address, GatewayFixture.DownAddress()), .. extra]);
        upstream.Verifier = new GatewayIdentityVerifier(server.HttpsClient(), new Uri(server.Https, "/gateway/keys"));
        using var admin = server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, Policy));
        var approver = await AuthzClient.ClientCertificateAsync(server, $"CN=rotation-{Guid.NewGuid():n},O=City");
        await HolderClient.GrantAsync(admin, HolderClient.Serial(approver), "approver");
        return new Setup(server, upstream, data, approver);
    }

    /// <summary>Sends an approval through the gateway; the <c>keyid</c> its signature names, once the upstream verified it.</summary>
    private static async Task<string> ForwardAsync(Setup setup)
    {
        var id = Guid.NewGuid().ToString("n");
        using (var client = setup.Server.HttpsClient(setup.Approver))
        using (var response = await client.PostAsync($"/approvals/{id}/approve", null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var received = Assert.Single(setup.Upstream.Received, r => r.PathAndQuery.Contains(id, StringComparison.Ordinal));
        Assert.True(received.Verification!.IsVerified, received.Verification.Failure);
        return KeyId().Match(received.Headers["Signature-Input"]).Groups[1].Value;
    }

    private static async Task<IReadOnlyList<string>> WaitForKeysAsync(PlatformServer server, Func<IReadOnlyList<string>, bool> wanted)
    {
        using var client = server.HttpClient();
        IReadOnlyList<string> ids = [];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var set = await client.GetFromJsonAsync<JsonElement>("/gateway/keys");
            ids = [.. set.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
            if (wanted(ids))
            {
                return ids;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The gateway's key set did not become what was expected; it lists " + string.Join(", ", ids));
    }

    [GeneratedRegex("keyid=\"([0-9a-f]+)\"")]
    private static partial Regex KeyId();

    private sealed record Setup(PlatformServer Server, Upstream Upstream, TemporaryDirectory Data, System.Security.Cryptography.X509Certificates.X509Certificate2 Approver) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            await Upstream.DisposeAsync();
            Approver.Dispose();
            Data.Dispose();
        }
    }
}
