namespace Identity.Signing;

/// <summary>Where a key of the ring stands at a given time.</summary>
internal enum SigningKeyStatus
{
    /// <summary>Published, not signing yet.</summary>
    Next,
    /// <summary>Signs every new token.</summary>
    Current,
    /// <summary>Replaced, still published while tokens it signed may be presented.</summary>
    Retired,
    /// <summary>Replaced long enough ago that no token it signed is valid: no longer published.</summary>
    Dropped,
}
