namespace Pmi.Authorization.Storage;

/// <summary>
/// The document the update was validated against changed before it was stored (another node, or a
/// race); the update is not stored and the caller may retry.
/// </summary>
internal sealed class ConcurrentUpdateException(string message) : Exception(message);
