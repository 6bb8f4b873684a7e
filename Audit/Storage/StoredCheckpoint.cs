namespace Audit.Storage;

/// <summary>A checkpoint the log published.</summary>
/// <param name="TreeSize">The tree size it commits to.</param>
/// <param name="RootHash">The root hash it commits to.</param>
/// <param name="Note">The signed note, exactly as served at <c>GET /audit/checkpoint</c>.</param>
/// <param name="PublishedAt">When it was signed.</param>
/// <param name="TimeStampToken">
/// The RFC 3161 time-stamp token (DER ContentInfo) over SHA-256 of the note's UTF-8 bytes, or null
/// when the platform's TSA has not granted one.
/// </param>
public sealed record StoredCheckpoint(long TreeSize, byte[] RootHash, string Note, DateTimeOffset PublishedAt, byte[]? TimeStampToken = null);
