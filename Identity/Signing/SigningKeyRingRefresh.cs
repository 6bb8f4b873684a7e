using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Storage;

namespace Identity.Signing;

/// <summary>
/// Picks up a key ring written elsewhere (the <c>identity rotate-keys</c> command, run while the
/// server runs, or another node sharing the database): reads the stored ring every
/// <see cref="SigningOptions.SigningKeyRefreshSeconds"/>, at once when the database signals a
/// change, and loads it when it differs. So a new key is in every node's JWKS within that time,
/// long before it signs (<see cref="SigningOptions.SigningKeyActivationHours"/>); the switch
/// itself happens at the activation time on every node alike. A ring with a key that does not
/// open is not loaded (logged, and tried again): the ring in force stays in force.
/// </summary>
internal sealed partial class SigningKeyRingRefresh(
    SigningKeyRotation rotation, SigningKeyRingState state, IModuleDatabase database,
    IOptions<SigningOptions> signing, IOptions<IdentityOptions> identity, TimeProvider time, ILogger<SigningKeyRingRefresh> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = signing.Value.SigningKeyRefreshSeconds;
        if (seconds <= 0)
        {
            return;
        }

        await using var listener = database.ListenForChanges();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await listener.WaitAsync(TimeSpan.FromSeconds(seconds), stoppingToken);
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Loads the stored ring when it is not the one in force; true when it did.</summary>
    internal async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var stored = await rotation.LoadAsync(cancellationToken);
        if (state.Ring is not { } loaded || state.Encryption is not { } encryption || stored.Keys.Count == 0 || stored.ToJson() == loaded.ToJson())
        {
            return false;
        }

        // Every key it publishes opens before it replaces the ring in force.
        var retention = SigningKeyTimeline.From(signing.Value, identity.Value).Retention;
        foreach (var key in stored.Published(time.GetUtcNow(), retention))
        {
            state.CredentialsOf(key);
        }

        state.Load(stored, encryption);
        var now = time.GetUtcNow();
        LogLoaded(logger, stored.Current(now)?.KeyId ?? "none", stored.Pending(now)?.KeyId ?? "none");
        return true;
    }

    [LoggerMessage(EventId = 6205, Level = LogLevel.Information, Message = "A changed token-signing key ring was loaded: current key {Current}, next key {Next}.")]
    private static partial void LogLoaded(ILogger logger, string current, string next);

    [LoggerMessage(EventId = 6206, Level = LogLevel.Error, Message = "The stored token-signing key ring could not be loaded; the ring in force stays. It is tried again.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
