using Audit.Merkle;

namespace Audit.Sequencing;

/// <summary>Collects the nodes one batch of appends completes, to insert them with the batch.</summary>
internal sealed class PendingHashWriter : IHashWriter
{
    public List<KeyValuePair<NodeId, byte[]>> Written { get; } = [];

    public void WriteHash(NodeId node, ReadOnlySpan<byte> hash) => Written.Add(new(node, hash.ToArray()));
}
