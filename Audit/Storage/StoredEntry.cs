namespace Audit.Storage;

/// <summary>One stored log entry: its canonical bytes and the leaf hash the tree holds for it.</summary>
/// <param name="Index">The entry's position in the log.</param>
/// <param name="Entry">The canonical entry bytes (docs/audit-canonical-encoding.md).</param>
/// <param name="LeafHash">The stored RFC 6962 leaf hash.</param>
public sealed record StoredEntry(long Index, byte[] Entry, byte[] LeafHash);
