namespace Pki.Ca.Storage;

/// <summary>The certificates of a CA whose revocation state changed within a range of changes, as they stand now.</summary>
/// <param name="Through">The end of the range read: the list reflects every change up to it.</param>
/// <param name="Complete">False when changes in the range were already pruned, so the list may miss some.</param>
/// <param name="Certificates">Each changed certificate once: its entry when revoked now, null when no longer revoked.</param>
public sealed record ChangedRevocations(long Through, bool Complete, IReadOnlyList<(string SerialNumber, RevokedEntry? Entry)> Certificates);
