namespace Platform.Storage;

/// <summary>SQLite has no signals between processes: the listener simply polls.</summary>
internal sealed class PollingChangeListener : IChangeListener
{
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Delay(timeout, cancellationToken);
        return false;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
