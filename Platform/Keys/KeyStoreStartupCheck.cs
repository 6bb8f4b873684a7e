using Platform.Hosting;

namespace Platform.Keys;

/// <summary>
/// Opens the key store before anything else starts, so a missing PKCS#11 library or token or a
/// refused PIN stops the platform with its own message rather than in the middle of a bootstrap.
/// </summary>
internal sealed class KeyStoreStartupCheck(IServiceProvider services) : IStartupTask
{
    public int Order => 0;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(IKeyStore));
        return Task.CompletedTask;
    }
}
