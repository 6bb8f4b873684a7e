using Platform.Certificates;
using Platform.Keys.Inventory;
using Platform.Storage;

namespace Gateway.Signing;

/// <summary>The gateway's signing keys for the key inventory, from the ring in its settings (no key is opened).</summary>
internal sealed class GatewayKeyInventorySource(ModuleSettings settings, IPlatformCertificateIssuer issuer, TimeProvider time) : IKeyInventorySource
{
    public async Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (await settings.GetAsync(GatewayKeyRing.Setting, cancellationToken) is not { } json)
        {
            return [];
        }

        var ring = GatewayKeyRing.FromJson(json);
        var now = time.GetUtcNow();
        var claims = new List<KeyClaim>();
        foreach (var key in ring.Keys)
        {
            var certificate = await issuer.FindCurrentAsync(key.SerialNumber, cancellationToken) is { } current
                ? KeyCertificate.FromDer(current.Certificate)
                : KeyCertificate.Unavailable(key.SerialNumber);
            claims.Add(new KeyClaim(key.KeyId, $"gateway identity signatures ({Name(ring.StatusOf(key, now))})", [certificate]));
        }

        return claims;
    }

    private static string Name(GatewayKeyStatus status) => status switch
    {
        GatewayKeyStatus.Current => "current",
        GatewayKeyStatus.Next => "next",
        _ => "retired",
    };
}
