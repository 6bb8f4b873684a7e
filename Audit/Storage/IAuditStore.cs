using Audit.Merkle;

namespace Audit.Storage;

/// <summary>
/// Read access to the durable audit log. Appends go through the sequencer only, so that the
/// log has one writer; everything here may be called from any thread.
/// </summary>
public interface IAuditStore
{
    /// <summary>The number of committed entries (one more than the highest index).</summary>
    Task<long> GetSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>The entry at <paramref name="index"/>, or null when there is none.</summary>
    Task<StoredEntry?> GetEntryAsync(long index, CancellationToken cancellationToken = default);

    /// <summary>A page of the entries matching <paramref name="query"/>, highest index first.</summary>
    Task<EventPage> SearchAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored hashes of <paramref name="nodes"/> (leaf hashes for level 0, complete subtree
    /// roots above), keyed by node; nodes that are not stored are absent.
    /// </summary>
    Task<IReadOnlyDictionary<NodeId, byte[]>> ReadHashesAsync(IReadOnlyCollection<NodeId> nodes, CancellationToken cancellationToken = default);

    /// <summary>The checkpoint with the largest tree size, or null before the first one.</summary>
    Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>The checkpoint published for <paramref name="treeSize"/>, or null when there is none.</summary>
    Task<StoredCheckpoint?> GetCheckpointAsync(long treeSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the time-stamp token of the checkpoint of <paramref name="treeSize"/>. False, and
    /// nothing stored, when that checkpoint does not exist, already has a token, or a larger
    /// checkpoint has one: tokens are only ever added in size order, so a larger checkpoint never
    /// carries an earlier time than a smaller one.
    /// </summary>
    Task<bool> TrySetTimeStampTokenAsync(long treeSize, byte[] token, CancellationToken cancellationToken = default);

    /// <summary>Stores a newly signed checkpoint; false when one for that size already exists.</summary>
    Task<bool> TryAddCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>A setting's value, or null.</summary>
    Task<string?> GetSettingAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="value"/> unless the setting already has one, and returns the value
    /// that is stored afterwards, so that nodes starting together agree on first-start choices.
    /// </summary>
    Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken = default);
}
