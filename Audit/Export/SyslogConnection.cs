namespace Audit.Export;

/// <summary>
/// An open connection to the collector. Syslog over TCP and TLS has no acknowledgments, and a
/// collector never sends anything back, so a read is kept pending the whole time: when it ends,
/// the collector has closed the connection (or broken it), and what was written lately may not
/// have arrived. <see cref="SyslogExporter"/> then sends it again.
/// </summary>
internal sealed class SyslogConnection : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly byte[] sink = new byte[512];
    private readonly Task<int> peer;

    public SyslogConnection(Stream stream)
    {
        this.stream = stream;
        peer = stream.ReadAsync(sink).AsTask();
    }

    /// <summary>True once the collector closed the connection, broke it, or sent what it never should.</summary>
    public bool PeerClosed => peer.IsCompleted;

    public async Task WriteAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken)
    {
        if (PeerClosed)
        {
            throw new IOException("The collector closed the connection.");
        }

        foreach (var frame in frames)
        {
            await stream.WriteAsync(frame, cancellationToken);
        }

        await stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        try
        {
            await peer;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The pending read ends with the connection; how it ends says nothing more.
        }
    }
}
