namespace Platform.Storage;

/// <summary>
/// Hears that another node sharing the database changed a module's data (see
/// <see cref="IModuleDatabase.SignalChangeAsync"/>). A signal is only a hint to look: signals
/// can be lost (a dropped connection, SQLite has none), so a listener reads the changes it
/// keeps track of after every wait, signalled or not: listen, then read, then wait.
/// </summary>
public interface IChangeListener : IAsyncDisposable
{
    /// <summary>
    /// Waits until a change is signalled or <paramref name="timeout"/> passes. True when a signal
    /// arrived, or when listening has just (re)started and earlier signals may have been missed:
    /// the first call returns as soon as the listener listens. Never throws for a lost
    /// connection: it waits out the timeout and listens again on the next call.
    /// </summary>
    Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
