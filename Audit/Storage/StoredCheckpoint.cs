namespace Audit.Storage;

/// <summary>A checkpoint the log published.</summary>
/// <param name="TreeSize">The tree size it commits to.</param>
/// <param name="RootHash">The root hash it commits to.</param>
/// <param name="Note">The signed note, exactly as served at <c>GET /audit/checkpoint</c>.</param>
/// <param name="PublishedAt">When it was signed.</param>
public sealed record StoredCheckpoint(long TreeSize, byte[] RootHash, string Note, DateTimeOffset PublishedAt);
