using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Keys;
using Platform.Storage;

namespace Identity.Signing;

/// <summary>Reads the key ring and adds keys to it: the first one at the first start, a next one on rotation.</summary>
internal sealed class SigningKeyRotation(
    [FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] IModuleDatabase database,
    [FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] ModuleSettings settings,
    IKeyStore store, IOptions<SigningOptions> signing, IOptions<IdentityOptions> identity, TimeProvider time)
{
    /// <summary>The key-store label of every token-signing key.</summary>
    public const string Label = "identity-signing";

    /// <summary>The stored ring; empty before the first start.</summary>
    public async Task<SigningKeyRing> LoadAsync(CancellationToken cancellationToken = default) =>
        await settings.GetAsync(SigningKeyRing.Setting, cancellationToken) is { } json ? SigningKeyRing.FromJson(json) : SigningKeyRing.Empty;

    /// <summary>
    /// The ring, with a first key that signs at once when there was none. Two nodes starting
    /// together keep the first ring written; the other node's key stays unused in the store.
    /// </summary>
    public async Task<SigningKeyRing> EnsureFirstKeyAsync(CancellationToken cancellationToken = default)
    {
        var ring = await LoadAsync(cancellationToken);
        if (ring.Keys.Count > 0)
        {
            return ring;
        }

        var now = time.GetUtcNow();
        var first = SigningKeyRing.Empty.With(CreateKey(now, now));
        return SigningKeyRing.FromJson(await SettingsInsert.InsertOrGetAsync(database, settings, SigningKeyRing.Setting, first.ToJson(), cancellationToken));
    }

    /// <summary>
    /// Makes the next key, published now and signing after <see cref="SigningOptions.SigningKeyActivationHours"/>,
    /// with the algorithm the settings name now; changes nothing while a next key is pending.
    /// Meant for a stopped server (the command); running nodes pick the ring up (<see cref="SigningKeyRingRefresh"/>).
    /// </summary>
    public async Task<SigningKeyRotationResult> RotateAsync(CancellationToken cancellationToken = default)
    {
        var timeline = SigningKeyTimeline.From(signing.Value, identity.Value);
        var ring = await LoadAsync(cancellationToken);
        var now = time.GetUtcNow();
        var current = ring.Current(now);
        if (ring.Pending(now) is { } pending)
        {
            return new(SigningKeyRotationOutcome.AlreadyPending, pending, current);
        }

        var first = ring.Keys.Count == 0;
        var key = CreateKey(now, first ? now : now + timeline.Activation);
        await settings.SetAsync(SigningKeyRing.Setting, ring.With(key).ToJson(), cancellationToken);
        return new(first ? SigningKeyRotationOutcome.CreatedFirst : SigningKeyRotationOutcome.Created, key, current);
    }

    private SigningKeyEntry CreateKey(DateTimeOffset now, DateTimeOffset activates)
    {
        var algorithm = TokenSigningAlgorithm.From(signing.Value);
        var key = store.Create(algorithm.Key, Label);
        return new SigningKeyEntry(key.Id, algorithm.Jws, algorithm.Key, now, activates);
    }
}
