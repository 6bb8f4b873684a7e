using Platform.Auditing;
using Platform.Storage;
using Pki.Ca.Storage;

namespace Server.Tests.Storage;

/// <summary>
/// A node's revocation store that a test can interrupt. Once armed, it holds the node right after
/// its next read of the revocations (the CRL publisher's catch-up) until released: the moment
/// between reading a CRL's content and storing it, where another node can publish in between.
/// While <see cref="FailCrlNumbers"/> is set, taking a CRL number fails, as when the database
/// goes away between a revocation's commit and its CRL.
/// </summary>
public sealed class InterceptingRevocationStore(IRevocationStore inner) : IRevocationStore
{
    private TaskCompletionSource? paused;
    private TaskCompletionSource? release;

    /// <summary>Completes when the node is held after a read.</summary>
    public Task Paused => paused?.Task ?? throw new InvalidOperationException("Not armed.");

    public void Arm()
    {
        paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => release?.TrySetResult();

    public volatile bool FailCrlNumbers;

    public async Task<IReadOnlyList<RevokedEntry>> ListRevokedAsync(string caName, CancellationToken cancellationToken = default) =>
        await HoldAsync(await inner.ListRevokedAsync(caName, cancellationToken));

    public async Task<ChangedRevocations> ChangedRevocationsAsync(string caName, long after, long? through, CancellationToken cancellationToken = default) =>
        await HoldAsync(await inner.ChangedRevocationsAsync(caName, after, through, cancellationToken));

    private async Task<T> HoldAsync<T>(T read)
    {
        var (held, waitFor) = (Interlocked.Exchange(ref paused, null), release);
        if (held is not null)
        {
            held.SetResult();
            await waitFor!.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        return read;
    }

    public Task<RevocationWrite> RevokeAsync(
        string serialNumber, string reason, DateTimeOffset revokedAt, DateTimeOffset? invalidityDate, AuditEvent revoked, CancellationToken cancellationToken = default) =>
        inner.RevokeAsync(serialNumber, reason, revokedAt, invalidityDate, revoked, cancellationToken);

    public Task<RevocationWrite> ReleaseHoldAsync(string serialNumber, AuditEvent released, CancellationToken cancellationToken = default) =>
        inner.ReleaseHoldAsync(serialNumber, released, cancellationToken);

    public Task<long> NextCrlNumberAsync(string caName, CancellationToken cancellationToken = default) => FailCrlNumbers
        ? throw new InvalidOperationException("The CRL number cannot be taken now.")
        : inner.NextCrlNumberAsync(caName, cancellationToken);

    public Task SaveCrlsAsync(IReadOnlyList<StoredCrl> crls, CancellationToken cancellationToken = default) => inner.SaveCrlsAsync(crls, cancellationToken);

    public Task ImportCrlsAsync(IReadOnlyList<StoredCrl> crls, AuditEvent imported, CancellationToken cancellationToken = default) =>
        inner.ImportCrlsAsync(crls, imported, cancellationToken);

    public Task<(long Full, long Delta)> LatestCrlNumbersAsync(string caName, CancellationToken cancellationToken = default) =>
        inner.LatestCrlNumbersAsync(caName, cancellationToken);

    public Task<StoredCrl?> LatestCrlAsync(string caName, bool delta, CancellationToken cancellationToken = default) =>
        inner.LatestCrlAsync(caName, delta, cancellationToken);

    public Task<IReadOnlyList<RevocationChange>> ChangesAfterAsync(long sequence, int limit, CancellationToken cancellationToken = default) =>
        inner.ChangesAfterAsync(sequence, limit, cancellationToken);

    public Task<long> LastChangeAsync(CancellationToken cancellationToken = default) => inner.LastChangeAsync(cancellationToken);

    public Task<long> LastRevocationChangeAsync(string caName, CancellationToken cancellationToken = default) =>
        inner.LastRevocationChangeAsync(caName, cancellationToken);

    public IChangeListener ListenForChanges() => inner.ListenForChanges();
}
