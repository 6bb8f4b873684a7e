using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Hosting;

namespace Identity.Signing;

/// <summary>
/// Checks the signing settings, makes the first token-signing key and the token-encryption key
/// on the first start, and loads the ring, opening every published key so that a key missing
/// from the store stops the start rather than the first token request.
/// </summary>
internal sealed partial class SigningKeyStartup(
    SigningKeyRotation rotation, TokenEncryptionKey encryption, SigningKeyRingState state,
    IOptions<SigningOptions> signing, IOptions<IdentityOptions> identity, TimeProvider time, ILogger<SigningKeyStartup> logger) : IStartupTask
{
    /// <summary>After the key store and audit trail (10), before the CA hierarchy (100): it needs no certificate.</summary>
    public int Order => 30;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var configured = TokenSigningAlgorithm.From(signing.Value);
        var timeline = SigningKeyTimeline.From(signing.Value, identity.Value);
        var ring = await rotation.EnsureFirstKeyAsync(cancellationToken);
        state.Load(ring, await encryption.LoadOrCreateAsync(cancellationToken));
        var now = time.GetUtcNow();
        foreach (var key in ring.Published(now, timeline.Retention))
        {
            state.CredentialsOf(key);
        }

        var current = ring.Current(now) ?? throw new InvalidOperationException("The identity key ring has no active token-signing key.");
        LogCurrent(logger, current.KeyId, current.Jws, ring.Pending(now)?.KeyId ?? "none");
        if (current.Jws != configured.Jws && ring.Pending(now) is null)
        {
            LogAlgorithmDiffers(logger, current.Jws, configured.Jws);
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Tokens are signed with key {KeyId} ({Algorithm}); next key: {Next}.")]
    private static partial void LogCurrent(ILogger logger, string keyId, string algorithm, string next);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning,
        Message = "The current token-signing key is {Current} but Identity:SigningAlgorithm is {Configured}: run 'identity rotate-keys' to move to it.")]
    private static partial void LogAlgorithmDiffers(ILogger logger, string current, string configured);
}
