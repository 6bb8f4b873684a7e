namespace Platform.Keys;

/// <summary>
/// A module's store of secrets sealed by <see cref="SecretSealer"/> under the platform's
/// key-encryption key (one-time-password seeds, a token-encryption key). <c>keys rewrap</c>
/// re-seals every registered store under the new key-encryption key before it replaces the key
/// files, so nothing the platform keeps stays sealed under the old one. A module registers its
/// stores with <c>TryAddEnumerable</c>; getting one may open (and migrate) its database.
/// </summary>
public interface ISealedSecretStore
{
    /// <summary>What the store holds, for messages (e.g. <c>identity TOTP seeds</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Checks, changing nothing, that every sealed value opens under <paramref name="current"/> or
    /// already under <paramref name="next"/>; throws <see cref="InvalidOperationException"/> naming
    /// the first value that opens under neither.
    /// </summary>
    Task CheckAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken);

    /// <summary>
    /// Re-seals under <paramref name="next"/> every value that opens under <paramref name="current"/>,
    /// in one database transaction, after checking every value as <see cref="CheckAsync"/> does (so a
    /// value that opens under neither changes nothing). Values already under <paramref name="next"/>
    /// are left alone, so an interrupted rewrap can be run again. Returns how many were re-sealed.
    /// </summary>
    Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken);
}
