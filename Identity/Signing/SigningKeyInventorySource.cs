using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Keys.Inventory;
using Platform.Storage;

namespace Identity.Signing;

/// <summary>The token-signing keys for the key inventory, from the ring in the identity settings (no key is opened).</summary>
internal sealed class SigningKeyInventorySource(
    [FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] ModuleSettings settings,
    IOptions<SigningOptions> signing, IOptions<IdentityOptions> identity, TimeProvider time) : IKeyInventorySource
{
    public async Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (await settings.GetAsync(SigningKeyRing.Setting, cancellationToken) is not { } json)
        {
            return [];
        }

        var ring = SigningKeyRing.FromJson(json);
        var retention = SigningKeyTimeline.From(signing.Value, identity.Value).Retention;
        var now = time.GetUtcNow();
        return [.. ring.Keys.Select(k => new KeyClaim(k.KeyId, $"identity token signing ({Name(ring.StatusOf(k, now, retention))})", []))];
    }

    private static string Name(SigningKeyStatus status) => status switch
    {
        SigningKeyStatus.Current => "current",
        SigningKeyStatus.Next => "next",
        _ => "retired",
    };
}
